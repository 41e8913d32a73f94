package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * One plain RNN step (Keras's {@code SimpleRNNCell}, PyTorch's {@code nn.RNNCell}):
 * {@code forwardAll(List.of(x, h))} gives the next {@code h = activation(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)},
 * the activation {@code "tanh"} (the default) or {@code "relu"} ({@link RecurrentCell}).
 */
public class SimpleRnnCell extends RecurrentCell {

    /** A tanh cell of {@code units} hidden units, with biases, sized from its first input. */
    public SimpleRnnCell(int units) {
        this(units, "tanh", true);
    }

    /** A cell with the activation {@code "tanh"} or {@code "relu"}, with or without biases. */
    public SimpleRnnCell(int units, String activation, boolean useBias) {
        super(switch (activation.toLowerCase(java.util.Locale.ROOT)) {
            case "tanh" -> Recurrence.Cell.RNN_TANH;
            case "relu" -> Recurrence.Cell.RNN_RELU;
            default -> throw new IllegalArgumentException("SimpleRnnCell: activation must be 'tanh' or 'relu', got '"
                    + activation + "'");
        }, units, useBias);
    }

    /** {@code "tanh"} or {@code "relu"}. */
    public String activation() {
        return cell() == Recurrence.Cell.RNN_RELU ? "relu" : "tanh";
    }

    @Override
    protected String describe() {
        return super.describe() + (cell() == Recurrence.Cell.RNN_RELU ? ", activation=relu" : "");
    }
}
