package dev.nabla.io;

import dev.nabla.tensor.Bfloat16;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes safetensors files, the weights-only format of Hugging Face and PyTorch
 * ({@code safetensors.torch.save_file} / {@code load_file}): an 8-byte little-endian header
 * length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range, then
 * the little-endian data. Nothing in the file is ever executed.
 *
 * <p><b>Reading</b> accepts F32, F16, BF16 and F64 as float32 tensors (F64 is rounded;
 * beyond float32's range it becomes ±infinity), and I64, I32, U8 and BOOL as {@link
 * DType#INT32} tensors. Nabla keeps integers in float32 storage, exact up to 2^24, so an
 * integer tensor holding any value beyond ±16,777,216 is refused, naming the tensor,
 * element and value, rather than silently rounded. Every structural fault (header length
 * past the end of the file, malformed JSON, unknown dtype, duplicate names, ranges that
 * overlap, leave gaps or do not match shape × element size, truncated or trailing data) is
 * an {@link IOException} naming the file and, where there is one, the tensor.
 *
 * <p><b>Writing</b> stores float32 tensors as F32 and {@code INT32} tensors as I64
 * (PyTorch's default integer type, so indices and counters load back as
 * {@code torch.int64}). Writes are atomic ({@link AtomicFiles}): a failed write leaves any
 * previous file untouched.
 */
public final class Safetensors {

    /** The reference implementation's limit; real headers are at most a few megabytes. */
    static final long MAX_HEADER_LENGTH = 100_000_000;
    /** The largest integer float32 storage holds exactly. */
    static final long LARGEST_EXACT_INTEGER = 1L << 24;
    private static final int CHUNK_BYTES = 1 << 20;

    private Safetensors() {
    }

    /** The tensors (in header order) and metadata of a safetensors file. */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file.toString(), channel.size(), channel::read);
        }
    }

    /** The tensors and metadata of safetensors content held in memory (an entry of a model file); errors name {@code source}. */
    static SafetensorsFile read(String source, byte[] content) throws IOException {
        return read(source, content.length, (buffer, position) -> {
            if (position >= content.length) {
                return -1;
            }
            int length = (int) Math.min(buffer.remaining(), content.length - position);
            buffer.put(content, (int) position, length);
            return length;
        });
    }

    /** Where the bytes come from: a FileChannel's positional read, or an array. */
    @FunctionalInterface
    private interface Source {
        /** Reads into {@code target} from {@code position}; returns the number of bytes read, or -1 at the end. */
        int read(ByteBuffer target, long position) throws IOException;
    }

    private static SafetensorsFile read(String file, long fileSize, Source channel) throws IOException {
        if (fileSize < 8) {
            throw new IOException(file + ": too short for a safetensors file (" + fileSize
                    + " bytes; the 8-byte header length alone needs 8)");
        }
        long headerLength = readFully(file, channel, 0, 8).getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER_LENGTH) {
            throw new IOException(file + ": header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the " + MAX_HEADER_LENGTH + "-byte limit; this is not a safetensors file");
        }
        if (headerLength > fileSize - 8) {
            throw new IOException(file + ": header length " + headerLength + " exceeds the " + (fileSize - 8)
                    + " bytes that follow it; the file is truncated or not a safetensors file");
        }
        ByteBuffer json = readFully(file, channel, 8, (int) headerLength);
        SafetensorsHeader header = SafetensorsHeader.parse(file, json.array());
        long dataStart = 8 + headerLength;
        checkDataSize(file, header, fileSize - dataStart);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SafetensorsHeader.Entry entry : header.entries()) {
            tensors.put(entry.name(), readTensor(file, channel, dataStart, entry, chunk));
        }
        return new SafetensorsFile(tensors, header.metadata());
    }

    /** Writes tensors with no metadata; see {@link #write(Path, Map, Map)}. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes tensors (float32 as F32, {@code INT32} as I64) in the map's order, with the
     * given {@code __metadata__} strings, atomically replacing any existing file.
     *
     * @throws IllegalArgumentException if a name is {@code __metadata__}, or an {@code INT32}
     *     tensor holds a value that is not an integer (the file is then left as it was)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, content(tensors, metadata));
    }

    /**
     * The bytes of a safetensors file of these tensors and metadata, to write to any stream
     * (an entry of a model file); each call of the result writes the same bytes.
     *
     * @throws IllegalArgumentException as {@link #write(Path, Map, Map)}
     */
    static AtomicFiles.Content content(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return content(tensors, metadata, SafetensorsDataType.F32);
    }

    /** As {@link #content(Map, Map)}, with float tensors stored as {@code floats} (F32, or BF16 rounded to nearest even). */
    static AtomicFiles.Content content(Map<String, Tensor> tensors, Map<String, String> metadata,
                                       SafetensorsDataType floats) {
        List<SafetensorsHeader.Entry> layout = layout(tensors, floats);
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(SafetensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        for (SafetensorsHeader.Entry e : layout) {
            List<Long> shape = Arrays.stream(e.shape()).mapToObj(d -> (long) d).toList();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("dtype", e.dataType().name());
            fields.put("shape", shape);
            fields.put("data_offsets", List.of(e.begin(), e.end()));
            header.put(e.name(), fields);
        }
        byte[] json = JsonWriter.write(header).getBytes(StandardCharsets.UTF_8);
        // Spaces pad the header so that the data, and so every tensor, starts 8-byte aligned.
        int padding = (8 - json.length % 8) % 8;
        return out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length + padding).array());
            out.write(json);
            out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            List<SafetensorsHeader.Entry> byOffset = new ArrayList<>(layout);
            byOffset.sort(Comparator.comparingLong(SafetensorsHeader.Entry::begin));
            for (SafetensorsHeader.Entry e : byOffset) {
                writeTensor(out, e, tensors.get(e.name()), chunk);
            }
            out.write(chunk.array(), 0, chunk.position());
        };
    }

    /** Each tensor's type and byte range: I64 data first, then the floats, so every tensor stays aligned. */
    private static List<SafetensorsHeader.Entry> layout(Map<String, Tensor> tensors, SafetensorsDataType floats) {
        long[] offset = {0};
        Map<String, SafetensorsHeader.Entry> entries = new LinkedHashMap<>();
        for (boolean integral : new boolean[] {true, false}) {
            tensors.forEach((name, tensor) -> {
                if (name == null || name.equals(SafetensorsHeader.METADATA_KEY) || tensor == null) {
                    throw new IllegalArgumentException("Safetensors.write: " + (tensor == null ? "tensor '" + name
                            + "' is null" : "'" + name + "' cannot name a tensor (it is reserved or null)"));
                }
                if ((tensor.dtype() == DType.INT32) == integral) {
                    SafetensorsDataType type = integral ? SafetensorsDataType.I64 : floats;
                    long end = offset[0] + (long) tensor.size() * type.byteSize;
                    entries.put(name, new SafetensorsHeader.Entry(name, type, tensor.shape().toArray(), tensor.size(),
                            offset[0], end));
                    offset[0] = end;
                }
            });
        }
        return tensors.keySet().stream().map(entries::get).toList();
    }

    private static void writeTensor(OutputStream out, SafetensorsHeader.Entry entry, Tensor tensor, ByteBuffer chunk)
            throws IOException {
        float[] values = tensor.toFloatArray();
        short[] halves = entry.dataType() == SafetensorsDataType.BF16 ? Bfloat16.bits(tensor) : null;
        for (int i = 0; i < values.length; i++) {
            if (chunk.remaining() < 8) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            if (halves != null) {
                chunk.putShort(halves[i]);
            } else if (entry.dataType() == SafetensorsDataType.F32) {
                chunk.putFloat(values[i]);
            } else if (values[i] == Math.rint(values[i])) {
                chunk.putLong((long) values[i]);
            } else {
                throw new IllegalArgumentException("Safetensors.write: INT32 tensor '" + entry.name() + "' holds "
                        + values[i] + " at element " + i + ", which is not an integer");
            }
        }
    }

    private static void checkDataSize(String file, SafetensorsHeader header, long available) throws IOException {
        if (available > header.dataSize()) {
            throw new IOException(file + ": " + (available - header.dataSize()) + " bytes follow the last tensor's data"
                    + " (the header accounts for " + header.dataSize() + " of " + available + "); the file is corrupted");
        }
        for (SafetensorsHeader.Entry e : header.entries()) {
            if (e.end() > available) {
                throw new IOException(file + ": truncated: tensor '" + e.name() + "' needs data bytes " + e.begin()
                        + " to " + e.end() + ", but the file holds only " + available + " bytes of data (the header"
                        + " describes " + header.dataSize() + ")");
            }
        }
    }

    private static Tensor readTensor(String file, Source channel, long dataStart, SafetensorsHeader.Entry entry,
            ByteBuffer chunk) throws IOException {
        SafetensorsDataType type = entry.dataType();
        float[] values = new float[entry.elementCount()];
        long position = dataStart + entry.begin();
        int index = 0;
        while (index < values.length) {
            // Chunks are a multiple of 8 bytes, so no element straddles two of them.
            int bytes = (int) Math.min(chunk.capacity(), (long) (values.length - index) * type.byteSize);
            chunk.clear().limit(bytes);
            fill(file, channel, position, chunk);
            position += bytes;
            for (; chunk.hasRemaining(); index++) {
                values[index] = type.integral ? checkedInteger(file, entry, index, type.readInteger(chunk))
                        : type.readFloat(chunk);
            }
        }
        Tensor tensor = Tensor.of(values, entry.shape());
        return type.integral ? integerTensor(tensor) : tensor;
    }

    private static float checkedInteger(String file, SafetensorsHeader.Entry entry, int index, long value)
            throws IOException {
        if (entry.dataType() == SafetensorsDataType.BOOL && value > 1) {
            throw new IOException(file + ": BOOL tensor '" + entry.name() + "' holds byte " + value + " at element "
                    + index + "; booleans are 0 or 1");
        }
        if (Math.abs(value) > LARGEST_EXACT_INTEGER || value == Long.MIN_VALUE) {
            throw new IOException(file + ": " + entry.dataType() + " tensor '" + entry.name() + "' holds " + value
                    + " at element " + index + ", beyond ±" + LARGEST_EXACT_INTEGER
                    + ", the integers Nabla's float32 storage holds exactly");
        }
        return value;
    }

    /** The same values as an INT32 tensor: Tensor has no public integer factory, so fill a zero INT32 tensor. */
    static Tensor integerTensor(Tensor values) {
        return values.to(DType.INT32);
    }

    private static ByteBuffer readFully(String file, Source channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(file, channel, position, buffer);
        return buffer;
    }

    /** Reads until the buffer's limit; flips it for reading. */
    private static void fill(String file, Source channel, long position, ByteBuffer buffer) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException(file + ": the file ended at byte " + at + " while reading; was it truncated"
                        + " while being read?");
            }
            at += read;
        }
        buffer.flip();
    }
}
