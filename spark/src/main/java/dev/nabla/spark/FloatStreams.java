package dev.nabla.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Float arrays on a stream: their length, then the values in little-endian order; a length of -1 ends the stream. */
final class FloatStreams {

    private FloatStreams() {
    }

    static void write(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    static void writeEnd(DataOutputStream out) throws IOException {
        out.writeInt(-1);
    }

    /** The next array, or null at the end mark; an {@link java.io.EOFException} if the stream breaks off. */
    static float[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
