package dev.nabla.nn;

import dev.nabla.tensor.Recurrence;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * One step of a recurrent cell, for a hand-written loop over time (PyTorch's {@code RNNCell},
 * {@code LSTMCell}, {@code GRUCell}): {@code [N, features]} and the state → the next state. The
 * parameters are PyTorch's {@code weight_ih}, {@code weight_hh}, {@code bias_ih} and
 * {@code bias_hh}, with the same gates and layouts as the layers ({@link RecurrentLayer}).
 *
 * <p>{@link #forwardAll} takes the input, then the state ({@code h}, and {@code c} for the LSTM
 * cell; zeros when left out) and gives the next state; {@link #forward(Tensor)} gives the next
 * {@code h} from a zero state.
 */
public abstract class RecurrentCell extends Layer {

    private final Recurrence.Cell cell;
    private final int units;
    private final boolean useBias;
    private int inputSize = -1;

    protected RecurrentCell(Recurrence.Cell cell, int units, boolean useBias) {
        if (units < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": units must be at least 1, got " + units);
        }
        this.cell = cell;
        this.units = units;
        this.useBias = useBias;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 2) {
            throw shapeError("[batch, features]", inputShape, "a cell takes one step; for whole sequences use the layer"
                    + " (" + getClass().getSimpleName().replace("Cell", "") + ")");
        }
        inputSize = inputShape.dim(1);
        float bound = 1f / (float) Math.sqrt(units);
        int rows = cell.gates() * units;
        addParameter("weight_ih", Tensor.uniform(generator(), -bound, bound, rows, inputSize));
        addParameter("weight_hh", Tensor.uniform(generator(), -bound, bound, rows, units));
        if (useBias) {
            addParameter("bias_ih", Tensor.uniform(generator(), -bound, bound, rows));
            addParameter("bias_hh", Tensor.uniform(generator(), -bound, bound, rows));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardAll(List.of(input)).get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return forwardAll(inputs).get(0);
    }

    /** The next state: {@code h}, and {@code c} for the LSTM cell, each {@code [N, units]}. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        if (inputs.isEmpty() || inputs.size() > 1 + cell.states()) {
            throw new IllegalArgumentException(path() + ": takes the input and up to " + cell.states()
                    + " state tensor" + (cell.states() == 1 ? "" : "s") + ", got " + inputs.size() + " inputs");
        }
        Tensor x = inputs.get(0);
        buildIfNeeded(x.shape());
        if (x.rank() != 2 || x.dim(1) != inputSize) {
            throw shapeError("[batch, " + inputSize + "]", x.shape());
        }
        var parameters = namedParameters();
        List<Tensor> out = Recurrence.run(cell, x.unsqueeze(1), inputs.size() > 1 ? inputs.get(1) : null,
                inputs.size() > 2 ? inputs.get(2) : null, parameters.get("weight_ih").value(),
                parameters.get("weight_hh").value(), useBias ? parameters.get("bias_ih").value() : null,
                useBias ? parameters.get("bias_hh").value() : null, null, false);
        return out.subList(1, out.size());
    }

    /** The cell this layer runs. */
    public Recurrence.Cell cell() {
        return cell;
    }

    /** The hidden size. */
    public int units() {
        return units;
    }

    /** The features per step, or -1 before the cell is built. */
    public int inputSize() {
        return inputSize;
    }

    /** Whether there are biases. */
    public boolean hasBias() {
        return useBias;
    }

    @Override
    protected String describe() {
        return (inputSize >= 0 ? inputSize + ", " : "") + units + (useBias ? "" : ", useBias=false");
    }
}
