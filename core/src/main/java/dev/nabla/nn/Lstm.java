package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * Long short-term memory (Keras's {@code LSTM}, PyTorch's {@code nn.LSTM}): for each step,
 * {@code i, f, g, o = σ, σ, tanh, σ (x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)}, {@code c = f·c + i·g},
 * {@code h = o·tanh(c)}, with PyTorch's gate order and parameter names
 * ({@link RecurrentLayer}). {@link #forwardAll} with {@code returnState} gives the output, h
 * and c, as PyTorch's {@code out, (h_n, c_n)}.
 *
 * <pre>{@code
 * Lstm lstm = new Lstm(128);                              // [N, T, F] → [N, 128], the last hidden state
 * Lstm encoder = new Lstm(64).numLayers(2).bidirectional(true).returnSequences(true);
 * }</pre>
 */
public class Lstm extends RecurrentLayer {

    /** An LSTM of {@code units} hidden units, sized from its first input. */
    public Lstm(int units) {
        super(Recurrence.Cell.LSTM, units);
    }

    @Override
    protected RecurrentLayer blank() {
        return new Lstm(units());
    }
}
