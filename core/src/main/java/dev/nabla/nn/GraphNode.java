package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A symbolic value in a functional model (Keras's functional API): either an input with
 * a known sample shape, or an output of a layer applied to other nodes. Nodes hold no
 * data; a {@link Graph} built from them computes.
 *
 * <pre>{@code
 * GraphNode image = GraphNode.input("image", 1, 28, 28);
 * GraphNode features = new Conv2d(8, 3).apply(image);
 * GraphNode logits = new Dense(10).apply(new Flatten().apply(features));
 * Graph model = new Graph(image, logits);
 * }</pre>
 *
 * <p>A layer with several outputs ({@link Layer#forwardAll}, such as a recurrent layer's
 * sequence, last hidden state and cell state) gives its first output as the node
 * {@link Layer#apply} returns, and the others with {@link #output(int)}, as PyTorch's
 * {@code out, (h, c) = lstm(x)} and Keras's {@code out, h, c = lstm(x)}:
 *
 * <pre>{@code
 * GraphNode sequence = recurrent.apply(tokens);   // output 0, [N, T, H]
 * GraphNode hidden = sequence.output(1);          // [N, H]
 * }</pre>
 */
public final class GraphNode {

    private final String inputName;
    private final Shape sampleShape;
    private final Layer layer;
    private final List<GraphNode> inputs;
    /** The node {@link Layer#apply} returned for this node's layer call: this one for output 0 and for inputs. */
    private final GraphNode application;
    private final int outputIndex;
    /** This application's other outputs, made once each so that a selection is the same node every time. */
    private final Map<Integer, GraphNode> selections = new HashMap<>();

    private GraphNode(String inputName, Shape sampleShape, Layer layer, List<GraphNode> inputs,
            GraphNode application, int outputIndex) {
        this.inputName = inputName;
        this.sampleShape = sampleShape;
        this.layer = layer;
        this.inputs = inputs;
        this.application = application == null ? this : application;
        this.outputIndex = outputIndex;
    }

    /** A model input whose samples have the given shape (the batch dimension is not included). */
    public static GraphNode input(String name, int... sampleShape) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("GraphNode.input: an input needs a name");
        }
        return new GraphNode(name, Shape.of(sampleShape), null, List.of(), null, 0);
    }

    static GraphNode applied(Layer layer, GraphNode... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(layer.getClass().getSimpleName() + ".apply: needs at least one input node");
        }
        return new GraphNode(null, null, layer, List.of(inputs), null, 0);
    }

    /**
     * Output {@code index} (from 0) of the layer call this node comes from: output 0 is the node
     * {@link Layer#apply} returned. A {@link Graph} checks, when built, that the layer gives that
     * many outputs.
     *
     * @throws IllegalArgumentException for a negative index, or an index above 0 of an input
     */
    public synchronized GraphNode output(int index) {
        if (index < 0 || (isInput() && index > 0)) {
            throw new IllegalArgumentException("GraphNode.output(" + index + "): " + (index < 0
                    ? "outputs are numbered from 0" : "the input '" + inputName + "' is one value, output 0"));
        }
        if (application != this) {
            return application.output(index);
        }
        return index == 0 ? this : selections.computeIfAbsent(index,
                i -> new GraphNode(null, null, layer, inputs, this, i));
    }

    /** Which output of its layer call this node is: 0 for the node {@link Layer#apply} returned and for inputs. */
    public int outputIndex() {
        return outputIndex;
    }

    /** The node {@link Layer#apply} returned for this node's layer call (this node for output 0 and for inputs). */
    public GraphNode application() {
        return application;
    }

    /** Whether this node is a model input. */
    public boolean isInput() {
        return layer == null;
    }

    /** The layer that produces this node, or null for an input. */
    public Layer layer() {
        return layer;
    }

    /** The nodes this one is computed from (empty for an input), each possibly another layer's output {@code i}. */
    public List<GraphNode> inputs() {
        return inputs;
    }

    /** An input's name, or null. */
    public String inputName() {
        return inputName;
    }

    /** An input's sample shape, or null. */
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public String toString() {
        return isInput() ? "Input(" + inputName + ", " + sampleShape + ")"
                : layer.getClass().getSimpleName() + Arrays.toString(inputs.toArray())
                + (outputIndex == 0 ? "" : ".output(" + outputIndex + ")");
    }
}
