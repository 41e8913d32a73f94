package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * Gated recurrent unit (Keras's {@code GRU} with {@code reset_after=True}, PyTorch's
 * {@code nn.GRU}): for each step, {@code r, z = σ(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)} on their
 * blocks, {@code n = tanh(x·W_inᵀ + b_in + r·(h·W_hnᵀ + b_hn))}, {@code h = (1 − z)·n + z·h},
 * with PyTorch's gate order r, z, n and parameter names ({@link RecurrentLayer}).
 */
public class Gru extends RecurrentLayer {

    /** A GRU of {@code units} hidden units, sized from its first input. */
    public Gru(int units) {
        super(Recurrence.Cell.GRU, units);
    }

    @Override
    protected RecurrentLayer blank() {
        return new Gru(units());
    }
}
