package dev.nabla.monitoring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-written protocol-buffers decoder, the reading twin of {@link ProtobufOutput}: walks a
 * message's fields one at a time ({@link #next}), giving each field's number and its value as
 * a varint, a 64- or 32-bit number, or bytes (a nested message, a string). Unknown wire
 * types (the deprecated groups) are refused.
 */
final class ProtobufInput {

    private final byte[] data;
    private int position;
    private int field;
    private int wireType;
    private long number;
    private byte[] bytes;

    ProtobufInput(byte[] data) {
        this.data = data;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (position >= data.length) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        switch (wireType) {
            case 0 -> number = varint();
            case 1 -> number = littleEndian(8);
            case 2 -> {
                int length = (int) varint();
                if (length < 0 || position + length > data.length) {
                    throw new IllegalArgumentException("a length-delimited field runs past the message's end");
                }
                bytes = Arrays.copyOfRange(data, position, position + length);
                position += length;
            }
            case 5 -> number = littleEndian(4);
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
        }
        return true;
    }

    int field() {
        return field;
    }

    long varintValue() {
        return number;
    }

    double doubleValue() {
        return Double.longBitsToDouble(number);
    }

    float floatValue() {
        return Float.intBitsToFloat((int) number);
    }

    byte[] bytesValue() {
        return bytes;
    }

    String stringValue() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= data.length) {
                throw new IllegalArgumentException("a varint runs past the message's end");
            }
            byte b = data[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint longer than ten bytes");
    }

    private long littleEndian(int length) {
        if (position + length > data.length) {
            throw new IllegalArgumentException("a fixed-width field runs past the message's end");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value |= (long) (data[position++] & 0xff) << (8 * i);
        }
        return value;
    }
}
