package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;

/**
 * The plain recurrent layer (Keras's {@code SimpleRNN}, PyTorch's {@code nn.RNN}): for each step,
 * {@code h = activation(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)}, the activation tanh (the default)
 * or relu (PyTorch's {@code nonlinearity}), with PyTorch's parameter names ({@link RecurrentLayer}).
 */
public class SimpleRnn extends RecurrentLayer {

    /** A tanh RNN of {@code units} hidden units, sized from its first input. */
    public SimpleRnn(int units) {
        this(units, "tanh");
    }

    /** An RNN whose activation is {@code "tanh"} or {@code "relu"}. */
    public SimpleRnn(int units, String activation) {
        super(cellFor(activation), units);
    }

    private static Recurrence.Cell cellFor(String activation) {
        return switch (activation.toLowerCase(java.util.Locale.ROOT)) {
            case "tanh" -> Recurrence.Cell.RNN_TANH;
            case "relu" -> Recurrence.Cell.RNN_RELU;
            default -> throw new IllegalArgumentException("SimpleRnn: activation must be 'tanh' or 'relu', got '"
                    + activation + "'");
        };
    }

    /** {@code "tanh"} or {@code "relu"}. */
    public String activation() {
        return cell() == Recurrence.Cell.RNN_RELU ? "relu" : "tanh";
    }

    @Override
    protected RecurrentLayer blank() {
        return new SimpleRnn(units(), activation());
    }

    @Override
    protected String describe() {
        return super.describe() + (cell() == Recurrence.Cell.RNN_RELU ? ", activation=relu" : "");
    }
}
