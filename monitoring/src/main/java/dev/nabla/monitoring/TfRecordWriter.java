package dev.nabla.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * TensorFlow's record framing, which TensorBoard's event files use: for each record its
 * length as a little-endian uint64, the masked CRC-32C of those eight bytes, the data, and
 * the masked CRC-32C of the data (both CRCs little-endian uint32).
 */
final class TfRecordWriter {

    private static final int MASK_DELTA = 0xa282ead8;

    private final OutputStream out;

    TfRecordWriter(OutputStream out) {
        this.out = out;
    }

    void write(byte[] data) throws IOException {
        byte[] length = littleEndian(data.length, 8);
        out.write(length);
        out.write(littleEndian(maskedCrc(length) & 0xffffffffL, 4));
        out.write(data);
        out.write(littleEndian(maskedCrc(data) & 0xffffffffL, 4));
    }

    /** TensorFlow's masked CRC-32C: the CRC rotated right by 15 bits plus a constant, so CRCs of CRCs stay varied. */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    private static byte[] littleEndian(long value, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
