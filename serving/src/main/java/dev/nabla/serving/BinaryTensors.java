package dev.nabla.serving;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The binary tensor data extension of the Open Inference Protocol: FP32 tensors as little-endian
 * bytes, row-major, after the JSON of a request or an answer, whose length the header
 * {@code Inference-Header-Content-Length} gives.
 */
final class BinaryTensors {

    /** The header giving the length of the JSON part of a body that also holds binary tensors. */
    static final String HEADER = "Inference-Header-Content-Length";

    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private BinaryTensors() {
    }

    /**
     * The one input's values from the bytes after the JSON header, checked: the header is there,
     * {@code binary_data_size} is a whole number of bytes that the shape needs, the input has no
     * {@code data} beside it, the body holds exactly those bytes after its header, and every value
     * is finite.
     */
    static float[] read(byte[] body, int jsonLength, boolean headerGiven, Object declaredSize, boolean hasData,
            int[] shape, int values) {
        if (!headerGiven) {
            throw InferenceRequest.bad("inputs[0].parameters.binary_data_size needs the header " + HEADER
                    + ": the length of the JSON before the binary data");
        }
        if (hasData) {
            throw InferenceRequest.bad("inputs[0] has both \"data\" and binary data (binary_data_size); give one");
        }
        long bytes = (long) values * Float.BYTES;
        if (!(declaredSize instanceof Long size) || size != bytes) {
            throw InferenceRequest.bad("inputs[0].parameters.binary_data_size is " + declaredSize + "; the shape "
                    + Arrays.toString(shape) + " in FP32 needs " + bytes + " bytes");
        }
        if (body.length - jsonLength != bytes) {
            throw InferenceRequest.bad("the body holds " + (body.length - jsonLength) + " bytes after its JSON header;"
                    + " inputs[0] declares " + bytes);
        }
        float[] data = floats(body, jsonLength, values);
        for (int i = 0; i < values; i++) {
            if (!Float.isFinite(data[i])) {
                throw InferenceRequest.bad("inputs[0] binary data element " + i + " is " + data[i]
                        + "; FP32 data must be finite");
            }
        }
        return data;
    }

    /** {@code count} little-endian FP32 values from {@code offset}. */
    static float[] floats(byte[] bytes, int offset, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) FLOATS.get(bytes, offset + i * Float.BYTES);
        }
        return values;
    }

    /** {@code json} then {@code values} as little-endian FP32. */
    static byte[] append(byte[] json, float[] values) {
        byte[] body = Arrays.copyOf(json, json.length + values.length * Float.BYTES);
        for (int i = 0; i < values.length; i++) {
            FLOATS.set(body, json.length + i * Float.BYTES, values[i]);
        }
        return body;
    }
}
