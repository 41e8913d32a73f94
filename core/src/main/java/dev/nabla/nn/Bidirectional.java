package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recurrent layer run over each sequence forward and, as a second copy with its own weights,
 * backward from the sequence's own end (Keras's {@code Bidirectional} wrapper), the two outputs
 * merged by {@code "concat"} (the default, on the feature axis), {@code "sum"}, {@code "mul"} or
 * {@code "ave"}: {@code [N, T, F] → [N, T, 2·units]} or {@code [N, T, units]} with
 * {@code returnSequences}, else the merged last states. The children are {@code forward_layer}
 * (the given layer) and {@code backward_layer}, as Keras names them. With {@code returnState},
 * {@link #forwardAll} gives the merged output, then the forward layer's states, then the backward
 * layer's; initial states, when given, follow the input in that same order.
 *
 * <p>For PyTorch's bidirectional layers (one module, names ending {@code _reverse}) use
 * {@link RecurrentLayer#bidirectional(boolean)} instead; it concatenates.
 */
public class Bidirectional extends Layer {

    /** How the two directions' outputs combine. */
    public enum MergeMode { CONCAT, SUM, MUL, AVE }

    private final RecurrentLayer forwardLayer;
    private final RecurrentLayer backwardLayer;
    private final MergeMode mergeMode;

    /** The layer in both directions, the outputs concatenated. */
    public Bidirectional(RecurrentLayer layer) {
        this(layer, "concat");
    }

    /** The layer in both directions, the outputs merged by {@code "concat"}, {@code "sum"}, {@code "mul"} or {@code "ave"}. */
    public Bidirectional(RecurrentLayer layer, String mergeMode) {
        this.mergeMode = switch (mergeMode.toLowerCase(Locale.ROOT)) {
            case "concat" -> MergeMode.CONCAT;
            case "sum" -> MergeMode.SUM;
            case "mul" -> MergeMode.MUL;
            case "ave" -> MergeMode.AVE;
            default -> throw new IllegalArgumentException("Bidirectional: merge mode must be 'concat', 'sum', 'mul' or"
                    + " 'ave', got '" + mergeMode + "'");
        };
        this.forwardLayer = addChild("forward_layer", layer);
        this.backwardLayer = addChild("backward_layer", layer.reversedCopy());
        if (layer.isBuilt()) {
            backwardLayer.build(1, 1, layer.inputSize());
        }
    }

    @Override
    protected void build(Shape inputShape) {
        forwardLayer.build(inputShape.toArray());
        backwardLayer.build(inputShape.toArray());
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardAll(List.of(input)).get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return forwardAll(inputs).get(0);
    }

    @Override
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        int states = (inputs.size() - 1) / 2;
        if (inputs.isEmpty() || (inputs.size() - 1) % 2 != 0) {
            throw new IllegalArgumentException(path() + ": takes the input, then as many initial states for the"
                    + " forward layer as for the backward one; got " + inputs.size() + " inputs");
        }
        Tensor x = inputs.get(0);
        buildIfNeeded(x.shape());
        List<Tensor> forwardInputs = new ArrayList<>(List.of(x));
        forwardInputs.addAll(inputs.subList(1, 1 + states));
        List<Tensor> backwardInputs = new ArrayList<>(List.of(x));
        backwardInputs.addAll(inputs.subList(1 + states, inputs.size()));
        List<Tensor> forward = forwardLayer.forwardAll(forwardInputs);
        List<Tensor> backward = backwardLayer.forwardAll(backwardInputs);
        Tensor a = forward.get(0);
        Tensor b = backward.get(0);
        Tensor merged = switch (mergeMode) {
            case CONCAT -> Tensor.concat(a.rank() - 1, a, b);
            case SUM -> a.add(b);
            case MUL -> a.mul(b);
            case AVE -> a.add(b).mul(0.5f);
        };
        Tensor mask = Masks.of(a);
        if (mask != null) {
            Masks.attach(merged, mask);
        }
        List<Tensor> out = new ArrayList<>(List.of(merged));
        out.addAll(forward.subList(1, forward.size()));
        out.addAll(backward.subList(1, backward.size()));
        return out;
    }

    /** The wrapped layer, run forward. */
    public RecurrentLayer forwardLayer() {
        return forwardLayer;
    }

    /** The backward copy. */
    public RecurrentLayer backwardLayer() {
        return backwardLayer;
    }

    /** How the outputs merge. */
    public MergeMode mergeMode() {
        return mergeMode;
    }

    @Override
    protected String describe() {
        return "mergeMode=" + mergeMode.name().toLowerCase(Locale.ROOT);
    }
}
