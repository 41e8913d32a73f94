package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * The mean over the real steps of a sequence, padding left out: {@code [N, L, D] → [N, D]}, with
 * the mask attached to the input ({@link Masks}: 1 real, 0 padding) as weights, or over every step
 * without one (sentence-transformers' mean pooling; Keras's {@code GlobalAveragePooling1D} on a
 * masked input, channels last). A sequence with no real step gives zeros. It pools the steps of
 * what a {@link TransformerEncoder} or a recurrent layer returns, which are batch first and
 * features last, where {@link GlobalAvgPool} pools the last axis of channels-first data.
 */
public class MaskedMeanPooling extends Layer {

    @Override
    protected Tensor call(Tensor sequences) {
        if (sequences.rank() != 3) {
            throw shapeError("[batch, length, features]", sequences.shape());
        }
        Tensor mask = Masks.of(sequences);
        if (mask == null) {
            return sequences.mean(1);
        }
        Tensor weights = mask.unsqueeze(2);                                      // [N, L, 1]
        Tensor counts = mask.sum(1, true).maximum(Tensor.scalar(1f));            // [N, 1]
        return sequences.mul(weights).sum(1).div(counts);
    }
}
