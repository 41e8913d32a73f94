package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * One LSTM step (Keras's {@code LSTMCell}, PyTorch's {@code nn.LSTMCell}):
 * {@code forwardAll(List.of(x, h, c))} gives the next {@code h} and {@code c}, {@code [N, units]}
 * each ({@link RecurrentCell}).
 */
public class LstmCell extends RecurrentCell {

    /** A cell of {@code units} hidden units, with biases, sized from its first input. */
    public LstmCell(int units) {
        this(units, true);
    }

    /** A cell with or without biases. */
    public LstmCell(int units, boolean useBias) {
        super(Recurrence.Cell.LSTM, units, useBias);
    }
}
