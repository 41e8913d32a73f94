package dev.nabla.tensor;

import dev.nabla.kernels.HalfPrecision;
import dev.nabla.kernels.KernelProvider;

/**
 * bfloat16 values of float32 tensors: the upper 16 bits of a float32 (its sign, its 8 exponent
 * bits and 7 of its 23 fraction bits), rounded to nearest with ties to even, so the range is
 * float32's and the precision about 3 significant digits (unit roundoff 2⁻⁸). Model files store
 * weights in it when asked ({@code ModelFile.save(..., WeightPrecision.BFLOAT16)}), at half the
 * size.
 */
public final class Bfloat16 {

    private Bfloat16() {
    }

    /** The bfloat16 bits of each value of {@code tensor}, in row-major order. */
    public static short[] bits(Tensor tensor) {
        float[] values = tensor.toFloatArray();
        short[] out = new short[values.length];
        KernelProvider.get().floatToHalf(HalfPrecision.BFLOAT16, values, 0, out, 0, values.length);
        return out;
    }

    /** {@code tensor} with each value rounded to the nearest bfloat16, as float32 of the same shape. */
    public static Tensor round(Tensor tensor) {
        short[] bits = bits(tensor);
        float[] out = new float[bits.length];
        KernelProvider.get().halfToFloat(HalfPrecision.BFLOAT16, bits, 0, out, 0, bits.length);
        return Tensor.of(out, tensor.shape().toArray());
    }
}
