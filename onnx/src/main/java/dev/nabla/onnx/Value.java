package dev.nabla.onnx;

import dev.nabla.tensor.Tensor;

/**
 * A value flowing through an imported graph: the numbers as a Nabla tensor (float32, which
 * holds every integer a shape or index needs exactly) and the ONNX element type they stand for,
 * so that integer and boolean results keep their meaning (integer division truncates, casts round).
 *
 * @param tensor the values
 * @param type   ONNX's {@code TensorProto.DataType} number: 1 float, 7 int64, 9 bool, ...
 */
record Value(Tensor tensor, int type) {

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int UINT16 = 4;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int UINT32 = 12;
    static final int UINT64 = 13;
    static final int BFLOAT16 = 16;

    static Value of(Tensor tensor) {
        return new Value(tensor, FLOAT);
    }

    static Value longs(long[] values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = values[i];
        }
        return new Value(Tensor.of(data, values.length), INT64);
    }

    /** A scalar or 1-d integer value's entries. */
    long[] toLongs() {
        float[] data = tensor.toFloatArray();
        long[] out = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (long) data[i];
        }
        return out;
    }

    int[] toInts() {
        float[] data = tensor.toFloatArray();
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (int) data[i];
        }
        return out;
    }

    boolean isInteger() {
        return isInteger(type);
    }

    static boolean isInteger(int type) {
        return type == UINT8 || type == INT8 || type == UINT16 || type == INT16 || type == INT32 || type == INT64
                || type == UINT32 || type == UINT64 || type == BOOL;
    }

    static boolean isSupported(int type) {
        return type == FLOAT || type == FLOAT16 || type == DOUBLE || type == BFLOAT16 || isInteger(type);
    }

    /** This value's numbers as another type: rounded toward zero into integers, 0/1 into booleans. */
    Value castTo(int target) {
        if (target == BOOL) {
            return new Value(tensor.ne(Tensor.scalar(0f)), BOOL);
        }
        if (isInteger(target) && !isInteger()) {
            float[] data = tensor.toFloatArray();
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.isNaN(data[i]) ? 0 : (float) (data[i] < 0 ? Math.ceil(data[i]) : Math.floor(data[i]));
            }
            return new Value(Tensor.of(data, tensor.shape().toArray()), target);
        }
        if (target == BFLOAT16 || target == FLOAT16) {
            float[] data = tensor.toFloatArray();
            for (int i = 0; i < data.length; i++) {
                data[i] = target == FLOAT16 ? Float.float16ToFloat(Float.floatToFloat16(data[i])) : bfloat16(data[i]);
            }
            return new Value(Tensor.of(data, tensor.shape().toArray()), target);
        }
        return new Value(tensor, target);
    }

    /** The nearest bfloat16 (ties to even), as a float. */
    static float bfloat16(float value) {
        if (Float.isNaN(value)) {
            return value;
        }
        int bits = Float.floatToRawIntBits(value);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
