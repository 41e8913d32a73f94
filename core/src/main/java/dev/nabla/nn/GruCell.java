package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * One GRU step (Keras's {@code GRUCell} with {@code reset_after}, PyTorch's {@code nn.GRUCell}):
 * {@code forwardAll(List.of(x, h))} gives the next {@code h}, {@code [N, units]} ({@link RecurrentCell}).
 */
public class GruCell extends RecurrentCell {

    /** A cell of {@code units} hidden units, with biases, sized from its first input. */
    public GruCell(int units) {
        this(units, true);
    }

    /** A cell with or without biases. */
    public GruCell(int units, boolean useBias) {
        super(Recurrence.Cell.GRU, units, useBias);
    }
}
