package dev.nabla.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The safetensors element types Nabla reads, by their names in the header. Floating types
 * become float32; integral types (and booleans, as 0 and 1) become {@code INT32} tensors.
 * Data is little-endian.
 */
enum SafetensorsDataType {
    F64(8, false),
    F32(4, false),
    F16(2, false),
    BF16(2, false),
    I64(8, true),
    I32(4, true),
    U8(1, true),
    BOOL(1, true);

    /** Bytes per element. */
    final int byteSize;
    /** Whether elements are integers (read with {@link #readInteger}), else floats ({@link #readFloat}). */
    final boolean integral;

    SafetensorsDataType(int byteSize, boolean integral) {
        this.byteSize = byteSize;
        this.integral = integral;
    }

    /** The type with this header name, or null. */
    static SafetensorsDataType named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** The header names Nabla reads, for messages. */
    static String supportedNames() {
        return Arrays.toString(values());
    }

    /** The next element of a floating type, rounded to float32 (F64 beyond its range becomes ±infinity). */
    float readFloat(ByteBuffer buffer) {
        return switch (this) {
            case F64 -> (float) buffer.getDouble();
            case F32 -> buffer.getFloat();
            case F16 -> Float.float16ToFloat(buffer.getShort());
            case BF16 -> Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
            default -> throw new IllegalStateException(this + " is integral");
        };
    }

    /** The next element of an integral type; BOOL bytes other than 0 and 1 are returned as they are. */
    long readInteger(ByteBuffer buffer) {
        return switch (this) {
            case I64 -> buffer.getLong();
            case I32 -> buffer.getInt();
            case U8, BOOL -> buffer.get() & 0xff;
            default -> throw new IllegalStateException(this + " is not integral");
        };
    }
}
