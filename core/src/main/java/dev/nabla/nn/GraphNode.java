package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * A symbolic value in a functional model (Keras's functional API): either an input with
 * a known sample shape, or the output of a layer applied to other nodes. Nodes hold no
 * data; a {@link Graph} built from them computes.
 *
 * <pre>{@code
 * GraphNode image = GraphNode.input("image", 1, 28, 28);
 * GraphNode features = new Conv2d(8, 3).apply(image);
 * GraphNode logits = new Dense(10).apply(new Flatten().apply(features));
 * Graph model = new Graph(image, logits);
 * }</pre>
 */
public final class GraphNode {

    private final String inputName;
    private final Shape sampleShape;
    private final Layer layer;
    private final List<GraphNode> inputs;

    private GraphNode(String inputName, Shape sampleShape, Layer layer, List<GraphNode> inputs) {
        this.inputName = inputName;
        this.sampleShape = sampleShape;
        this.layer = layer;
        this.inputs = inputs;
    }

    /** A model input whose samples have the given shape (the batch dimension is not included). */
    public static GraphNode input(String name, int... sampleShape) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("GraphNode.input: an input needs a name");
        }
        return new GraphNode(name, Shape.of(sampleShape), null, List.of());
    }

    static GraphNode applied(Layer layer, GraphNode... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(layer.getClass().getSimpleName() + ".apply: needs at least one input node");
        }
        return new GraphNode(null, null, layer, List.of(inputs));
    }

    /** Whether this node is a model input. */
    public boolean isInput() {
        return layer == null;
    }

    /** The layer that produces this node, or null for an input. */
    public Layer layer() {
        return layer;
    }

    /** The nodes this one is computed from (empty for an input). */
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
                : layer.getClass().getSimpleName() + Arrays.toString(inputs.toArray());
    }
}
