package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.SplitMix64;

/**
 * Inverted dropout as one op (PyTorch's {@code F.dropout} in training): each element is kept
 * with probability {@code 1 − rate} and scaled by {@code 1/(1 − rate)}, or zeroed. It gives
 * exactly what {@code x.mul(Tensor.bernoulli(generator, 1 − rate, shape).div(1 − rate))}
 * gives, drawing the same numbers from the generator, but in one pass that draws the scaled
 * mask and multiplies by it ({@link Kernels#dropout}), with no tensor between; its backward
 * multiplies the gradient by the same mask in one pass. The generator's draws are computed
 * from its state ({@link Generator#skip}), in vector lanes and in parallel chunks, so the
 * result does not depend on the thread count.
 */
public final class InvertedDropout {
    /** Elements per parallel chunk: a 64-bit draw (two 64-bit multiplications) and a multiplication each. */
    private static final int DROPOUT_GRAIN = 1 << 17;

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
        long state = generator.skip(mask.length);
        Kernels k = KernelProvider.get();
        Parallel.forChunks(mask.length, DROPOUT_GRAIN, (s, e) -> k.dropout(
                state + s * SplitMix64.GAMMA, threshold, scale, values, offset + s, mask, out, s, e - s));
        DType dtype = DType.floating(input);
        Tensor maskTensor = Tensor.wrap(mask, input.shape(), dtype);
        return Autograd.recordComposed("dropout", Tensor.wrap(out, input.shape(), dtype), g -> new Tensor[] {g.mul(maskTensor)}, input);
    }
}
