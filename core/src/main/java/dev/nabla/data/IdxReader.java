package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (told
 * apart by their first bytes). An IDX file is a magic number — two zero bytes, a data type
 * byte, the number of dimensions — then each dimension's size as a big-endian int32, then
 * the values, big-endian, in row-major order.
 *
 * <p>Every data type becomes a float32 tensor holding the values as they are (unsigned
 * bytes stay 0–255; the caller scales). Integers are exact up to 2^24.
 */
public final class IdxReader {

    private static final int BUFFER_BYTES = 1 << 16;
    /** Without a file length to check against (gzip), memory grows with the data read, from this many values. */
    private static final int INITIAL_VALUES = 1 << 22;

    /** The data types of the format: the byte that names each, and its width in bytes. */
    private enum ValueType {
        UNSIGNED_BYTE(0x08, 1), SIGNED_BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

        final int code;
        final int width;

        ValueType(int code, int width) {
            this.code = code;
            this.width = width;
        }

        static ValueType of(int code) {
            return Arrays.stream(values()).filter(t -> t.code == code).findFirst().orElse(null);
        }

        String title() {
            return name().toLowerCase().replace('_', ' ');
        }

        float decode(ByteBuffer bytes) {
            return switch (this) {
                case UNSIGNED_BYTE -> bytes.get() & 0xFF;
                case SIGNED_BYTE -> bytes.get();
                case SHORT -> bytes.getShort();
                case INT -> bytes.getInt();
                case FLOAT -> bytes.getFloat();
                case DOUBLE -> (float) bytes.getDouble();
            };
        }
    }

    private IdxReader() {
    }

    /** The tensor in {@code file}: shape as the header says, values as float32. */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            in.mark(2);
            boolean gzip = in.read() == 0x1F && in.read() == 0x8B;
            in.reset();
            if (!gzip) {
                return read(in, file, Files.size(file));
            }
            try (InputStream inflated = new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES), BUFFER_BYTES)) {
                return read(inflated, file, -1);
            } catch (ZipException | EOFException e) {
                throw new IOException(file + ": the gzip data is corrupt or truncated (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Reads from {@code in}; {@code length} is the whole file's byte count, or -1 when unknown. */
    private static Tensor read(InputStream in, Path file, long length) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IOException(file + ": truncated: " + magic.length
                    + " bytes, fewer than the 4 of an IDX magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IOException(file + ": not an IDX file: it starts with " + hex(magic[0]) + " " + hex(magic[1])
                    + ", but an IDX file starts with 0x00 0x00 (or 0x1F 0x8B when gzip-compressed)");
        }
        ValueType type = ValueType.of(magic[2]);
        if (type == null) {
            throw new IOException(file + ": unknown IDX data type " + hex(magic[2]) + "; expected 0x08 (unsigned byte),"
                    + " 0x09 (signed byte), 0x0B (short), 0x0C (int), 0x0D (float) or 0x0E (double)");
        }
        int[] dims = readDims(in, file, magic[3] & 0xFF);
        long count = 1;
        for (int dim : dims) {
            count *= dim;
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": the sizes " + Arrays.toString(dims)
                        + " hold more values than a tensor can");
            }
        }
        String promise = "the sizes " + Arrays.toString(dims) + " of " + type.title() + " need " + count * type.width
                + " data bytes";
        long headerBytes = 4 + 4L * dims.length;
        if (length >= 0 && length != headerBytes + count * type.width) {
            throw new IOException(file + ": " + promise + " after the " + headerBytes
                    + "-byte header, but the file has " + (length - headerBytes)
                    + "; the sizes do not match the file length (truncated?)");
        }
        float[] values = readValues(in, file, type, (int) count, length >= 0, promise);
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new IOException(file + ": " + extra + " bytes follow the data; " + promise
                    + ", so the sizes do not match the file length");
        }
        return Tensor.of(values, dims);
    }

    private static int[] readDims(InputStream in, Path file, int rank) throws IOException {
        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) {
            throw new IOException(file + ": truncated: the header announces " + rank + " dimensions, but the file"
                    + " ends within their sizes");
        }
        ByteBuffer sizes = ByteBuffer.wrap(header);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = sizes.getInt();
            if (dims[i] < 0) {
                throw new IOException(file + ": dimension " + i + " has size " + Integer.toUnsignedString(dims[i])
                        + ", more than a tensor can hold");
            }
        }
        return dims;
    }

    private static float[] readValues(InputStream in, Path file, ValueType type, int count, boolean lengthChecked,
            String promise) throws IOException {
        float[] values = new float[lengthChecked ? count : Math.min(count, INITIAL_VALUES)];
        byte[] buffer = new byte[BUFFER_BYTES];
        int filled = 0;
        while (filled < count) {
            if (filled == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            int wanted = Math.min(values.length - filled, BUFFER_BYTES / type.width);
            int got = in.readNBytes(buffer, 0, wanted * type.width);
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, got);
            for (int i = 0; i < got / type.width; i++) {
                values[filled + i] = type.decode(bytes);
            }
            if (got < wanted * type.width) {
                throw new IOException(file + ": truncated: " + promise + ", but the data ends after "
                        + ((long) filled * type.width + got));
            }
            filled += wanted;
        }
        return values;
    }

    private static String hex(byte value) {
        return String.format("0x%02X", value & 0xFF);
    }
}
