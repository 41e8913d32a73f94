package dev.nabla.monitoring;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written protocol-buffers encoder for the few message fields TensorBoard's event
 * files need (varints, 32- and 64-bit numbers, length-delimited bytes, strings, nested
 * messages, packed doubles), so that nabla-monitoring depends on nothing. Fields are
 * written in the order called; proto3 readers accept any order.
 */
final class ProtobufOutput {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** An int32, int64, enum or bool field (negative numbers as ten-byte varints, as protobuf does). */
    ProtobufOutput varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    ProtobufOutput doubleValue(int field, double value) {
        tag(field, FIXED64);
        rawLittleEndian(Double.doubleToRawLongBits(value), 8);
        return this;
    }

    ProtobufOutput floatValue(int field, float value) {
        tag(field, FIXED32);
        rawLittleEndian(Float.floatToRawIntBits(value) & 0xffffffffL, 4);
        return this;
    }

    ProtobufOutput bytesValue(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        bytes.writeBytes(value);
        return this;
    }

    ProtobufOutput string(int field, String value) {
        return bytesValue(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufOutput message(int field, ProtobufOutput message) {
        return bytesValue(field, message.toByteArray());
    }

    /** A repeated double field, packed (proto3's default encoding). */
    ProtobufOutput packedDoubles(int field, double[] values) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(8L * values.length);
        for (double value : values) {
            rawLittleEndian(Double.doubleToRawLongBits(value), 8);
        }
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7fL) != 0) {
            bytes.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        bytes.write((int) value);
    }

    private void rawLittleEndian(long value, int length) {
        for (int i = 0; i < length; i++) {
            bytes.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
