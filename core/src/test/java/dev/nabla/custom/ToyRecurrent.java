package dev.nabla.custom;

import dev.nabla.io.LayerType;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * A layer shaped like an LSTM, as simple as can be differentiated: sequences {@code [N, T, F]}
 * give three outputs, the per-step output {@code tanh(x W + b)} {@code [N, T, H]}, its last step
 * {@code [N, H]} (the "hidden state") and the sum over the steps of {@code x W} {@code [N, H]}
 * (the "cell state"). Defined outside Nabla's packages and registered as a user would.
 */
public final class ToyRecurrent extends Layer {

    /** Its registry entry. */
    public static final LayerType<ToyRecurrent> TYPE = LayerType.of(ToyRecurrent.class, "units: int, input_size: int",
            arguments -> {
                ToyRecurrent layer = new ToyRecurrent(arguments.integer("units"));
                if (arguments.has("input_size")) {
                    layer.build(1, 1, arguments.integer("input_size"));
                }
                return layer;
            },
            layer -> LayerType.values("units", layer.units, "input_size", layer.inputSize < 0 ? null : layer.inputSize));

    private final int units;
    private int inputSize = -1;
    private Parameter weight;
    private Parameter bias;

    /** {@code units} features per step; the input size comes from the first input. */
    public ToyRecurrent(int units) {
        this.units = units;
    }

    @Override
    protected void build(Shape inputShape) {
        inputSize = inputShape.dim(-1);
        float bound = (float) (1 / Math.sqrt(inputSize));
        weight = addParameter("weight", Tensor.uniform(generator(), -bound, bound, inputSize, units));
        bias = addParameter("bias", Tensor.zeros(units));
    }

    /** [N, T, F] → output [N, T, H], hidden state [N, H], cell state [N, H]. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(path() + ": takes one input, got " + inputs.size());
        }
        Tensor x = inputs.get(0);
        if (x.rank() != 3) {
            throw shapeError("[N, T, features]", x.shape());
        }
        buildIfNeeded(x.shape());
        Tensor projected = x.matmul(weight.value());
        Tensor output = projected.add(bias.value()).tanh();
        int steps = x.dim(1);
        Tensor hidden = output.slice(1, steps - 1, steps).reshape(x.dim(0), units);
        Tensor cell = projected.sum(1, false);
        return List.of(output, hidden, cell);
    }

    /** The per-step output, as Keras's LSTM gives without return_state. */
    @Override
    public Tensor forward(Tensor input) {
        return forwardAll(List.of(input)).get(0);
    }

    @Override
    protected String describe() {
        return "units=" + units + ", input_size=" + inputSize;
    }
}
