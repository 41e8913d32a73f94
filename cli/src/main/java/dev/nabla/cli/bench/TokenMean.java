package dev.nabla.cli.bench;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;

/** The mean over the tokens of a sequence, {@code [N, L, D] → [N, D]}: the transformer workload's pooling. */
final class TokenMean extends Layer {

    @Override
    protected Tensor call(Tensor sequences) {
        if (sequences.rank() != 3) {
            throw new IllegalArgumentException(path() + ": expected [batch, tokens, features], got "
                    + sequences.shape());
        }
        return sequences.mean(1);
    }
}
