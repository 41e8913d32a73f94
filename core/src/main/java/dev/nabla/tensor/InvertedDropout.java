package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;

/**
 * Inverted dropout as one op (PyTorch's {@code F.dropout} in training): each element is kept
 * with probability {@code 1 − rate} and scaled by {@code 1/(1 − rate)}, or zeroed. It gives
 * exactly what {@code x.mul(Tensor.bernoulli(generator, 1 − rate, shape).div(1 − rate))}
 * gives, drawing the same numbers from the generator, but draws the scaled mask in one pass
 * and multiplies by it in another (the binary kernel's, in parallel), with no tensor between,
 * and its backward multiplies the gradient by the same mask in one pass.
 */
public final class InvertedDropout {
    /** Elements per parallel chunk of the product: a multiplication each, as a binary op. */
    private static final int DROPOUT_GRAIN = Pointwise.grain(BinaryOp.MUL);

    private InvertedDropout() {
    }

    /** {@code input} with elements dropped at {@code rate} in [0, 1), drawn from {@code generator}. Any shape. */
    public static Tensor apply(Tensor input, Generator generator, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        float keep = 1f - rate;
        float scale = 1f / keep;
        long threshold = Creation.bernoulliThreshold(keep);
        Tensor x = input.floatData();
        float[] mask = new float[x.size()];
        float[] out = new float[mask.length];
        float[] values = x.data();
        int offset = x.offset();
        // The draws come one after another from the generator; the product is the binary kernel's.
        for (int i = 0; i < mask.length; i++) {
            mask[i] = Creation.bernoulliBit(generator, threshold) * scale;
        }
        Kernels k = KernelProvider.get();
        Parallel.forChunks(mask.length, DROPOUT_GRAIN,
                (s, e) -> k.binary(BinaryOp.MUL, values, offset + s, 1, mask, s, 1, out, s, e - s));
        DType dtype = DType.floating(input);
        Tensor maskTensor = Tensor.wrap(mask, input.shape(), dtype);
        return Autograd.recordComposed("dropout", Tensor.wrap(out, input.shape(), dtype), g -> new Tensor[] {g.mul(maskTensor)}, input);
    }
}
