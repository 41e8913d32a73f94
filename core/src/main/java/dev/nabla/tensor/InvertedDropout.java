package dev.nabla.tensor;

/**
 * Inverted dropout as one op (PyTorch's {@code F.dropout} in training): each element is kept
 * with probability {@code 1 − rate} and scaled by {@code 1/(1 − rate)}, or zeroed. It gives
 * exactly what {@code x.mul(Tensor.bernoulli(generator, 1 − rate, shape).div(1 − rate))}
 * gives, drawing the same numbers from the generator, but draws the mask and multiplies in
 * one pass, and its backward multiplies the gradient by the same mask in one pass.
 */
public final class InvertedDropout {

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
        for (int i = 0; i < mask.length; i++) {
            float m = Creation.bernoulliBit(generator, threshold) * scale;
            mask[i] = m;
            out[i] = values[offset + i] * m;
        }
        DType dtype = DType.floating(input);
        Tensor maskTensor = Tensor.wrap(mask, input.shape(), dtype);
        return Autograd.record("dropout", Tensor.wrap(out, input.shape(), dtype), g -> new Tensor[] {g.mul(maskTensor)}, input);
    }
}
