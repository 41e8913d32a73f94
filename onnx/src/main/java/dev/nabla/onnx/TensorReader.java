package dev.nabla.onnx;

import com.google.protobuf.ByteString;
import dev.nabla.onnx.proto.OnnxProtos.StringStringEntryProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads {@code TensorProto}s into {@link Value}s, distrusting the file: every declared dimension
 * is checked against a limit and against the bytes actually present before anything is
 * allocated, and external data is read only from files inside the model's folder.
 */
final class TensorReader {

    /** The most elements one tensor may declare (2^28, a gigabyte of floats). */
    static final long MAX_ELEMENTS = 1L << 28;

    private final Path folder;

    /** A reader resolving external data against {@code folder}; null forbids external data. */
    TensorReader(Path folder) {
        this.folder = folder;
    }

    Value read(TensorProto proto, String what) {
        int[] dims = dims(proto, what);
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        int type = proto.getDataType();
        if (!Value.isSupported(type)) {
            throw new IllegalArgumentException(what + ": element type " + typeName(type)
                    + " is not supported (float, double, float16, integers and bool are)");
        }
        float[] data;
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            data = decode(external(proto, what, count * width(type)), type, (int) count, what);
        } else if (proto.hasRawData()) {
            data = decode(proto.getRawData(), type, (int) count, what);
        } else {
            data = typed(proto, type, (int) count, what);
        }
        return new Value(Tensor.of(data, dims), type);
    }

    private static int[] dims(TensorProto proto, String what) {
        int[] dims = new int[proto.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = proto.getDims(i);
            if (d < 0 || d > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what + ": dimension " + i + " is " + d
                        + ", outside 0.." + MAX_ELEMENTS);
            }
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what + ": declares more than " + MAX_ELEMENTS
                        + " elements (dimensions " + proto.getDimsList() + ")");
            }
            dims[i] = (int) d;
        }
        return dims;
    }

    static int width(int type) {
        return switch (type) {
            case Value.UINT8, Value.INT8, Value.BOOL -> 1;
            case Value.UINT16, Value.INT16, Value.FLOAT16, Value.BFLOAT16 -> 2;
            case Value.DOUBLE, Value.INT64, Value.UINT64 -> 8;
            default -> 4;
        };
    }

    private static float[] decode(ByteString raw, int type, int count, String what) {
        if (raw.size() != (long) count * width(type)) {
            throw new IllegalArgumentException(what + ": raw data holds " + raw.size() + " bytes, but "
                    + count + " elements of " + typeName(type) + " need " + (long) count * width(type));
        }
        ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case Value.FLOAT -> b.getFloat();
                case Value.DOUBLE -> (float) b.getDouble();
                case Value.INT64, Value.UINT64 -> b.getLong();
                case Value.INT32 -> b.getInt();
                case Value.UINT32 -> Integer.toUnsignedLong(b.getInt());
                case Value.INT16 -> b.getShort();
                case Value.UINT16 -> Short.toUnsignedInt(b.getShort());
                case Value.FLOAT16 -> Float.float16ToFloat(b.getShort());
                case Value.BFLOAT16 -> Float.intBitsToFloat(Short.toUnsignedInt(b.getShort()) << 16);
                case Value.INT8 -> b.get();
                case Value.UINT8, Value.BOOL -> Byte.toUnsignedInt(b.get());
                default -> throw new IllegalArgumentException(what + ": unreadable type " + typeName(type));
            };
        }
        return out;
    }

    private static float[] typed(TensorProto proto, int type, int count, String what) {
        int present = switch (type) {
            case Value.FLOAT -> proto.getFloatDataCount();
            case Value.DOUBLE -> proto.getDoubleDataCount();
            case Value.INT64 -> proto.getInt64DataCount();
            case Value.UINT32, Value.UINT64 -> proto.getUint64DataCount();
            default -> proto.getInt32DataCount();
        };
        if (present != count) {
            throw new IllegalArgumentException(what + ": holds " + present + " values, but its dimensions "
                    + proto.getDimsList() + " declare " + count);
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case Value.FLOAT -> proto.getFloatData(i);
                case Value.DOUBLE -> (float) proto.getDoubleData(i);
                case Value.INT64 -> proto.getInt64Data(i);
                case Value.UINT32, Value.UINT64 -> proto.getUint64Data(i);
                case Value.FLOAT16 -> Float.float16ToFloat((short) proto.getInt32Data(i));
                case Value.BFLOAT16 -> Float.intBitsToFloat((proto.getInt32Data(i) & 0xFFFF) << 16);
                default -> proto.getInt32Data(i);
            };
        }
        return out;
    }

    /** The bytes of an external-data tensor, from a file that must lie inside the model's folder. */
    private ByteString external(TensorProto proto, String what, long length) {
        String location = null;
        long offset = 0;
        for (StringStringEntryProto entry : proto.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = parse(entry.getValue(), "offset", what);
                case "length" -> {
                    if (parse(entry.getValue(), "length", what) != length) {
                        throw new IllegalArgumentException(what + ": external data length " + entry.getValue()
                                + " does not match the " + length + " bytes its dimensions need");
                    }
                }
                default -> { }
            }
        }
        if (folder == null) {
            throw new IllegalArgumentException(what + ": keeps its data in an external file, which a model read"
                    + " from memory cannot have");
        }
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException(what + ": external data without a location");
        }
        try {
            Path base = folder.toRealPath();
            Path candidate = base.resolve(location).normalize();
            if (Path.of(location).isAbsolute() || !candidate.startsWith(base)
                    || (Files.exists(candidate) && !candidate.toRealPath().startsWith(base))) {
                throw new IllegalArgumentException(what + ": external data location '" + location
                        + "' lies outside the model's folder " + base + "; only files beside the model are read");
            }
            try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.READ)) {
                if (offset < 0 || offset + length > channel.size()) {
                    throw new IllegalArgumentException(what + ": external data '" + location + "' has "
                            + channel.size() + " bytes, too few for " + length + " at offset " + offset);
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) length);
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                    // Read until full: the size check above guarantees the bytes exist.
                }
                return ByteString.copyFrom(buffer.flip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": cannot read external data '" + location + "': " + e, e);
        }
    }

    private static long parse(String text, String key, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": external data " + key + " '" + text + "' is not a number");
        }
    }

    static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "number " + type : known.name();
    }
}
