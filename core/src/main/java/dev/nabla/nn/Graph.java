package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model defined by a graph of layer applications (Keras's functional {@code Model}):
 * several inputs or outputs, shared layers, skip and dense connections. Layers become
 * children under the name given with {@link Layer#named(String)}, else named as Keras
 * names them ({@code conv2d}, {@code conv2d_1}, {@code dense}) in order of first use, so
 * state-dict keys read {@code head.weight} or {@code conv2d.weight}.
 *
 * <p>A layer with several outputs ({@link Layer#forwardAll}) feeds later layers through
 * {@link GraphNode#output(int)}; a graph is such a layer itself when it has several outputs.
 *
 * <p>The graph is built at once: a batch of one zero sample per input runs through it in
 * evaluation mode, so every layer is sized and a shape error shows here, naming the layer.
 */
public class Graph extends Layer {

    private final List<GraphNode> inputs;
    private final List<GraphNode> outputs;
    private final List<GraphNode> order;
    private final Map<Layer, String> names = new IdentityHashMap<>();
    /** Each layer call's output shapes for a batch of one, by the node {@link Layer#apply} returned. */
    private final Map<GraphNode, List<Shape>> shapes = new IdentityHashMap<>();

    /** A graph with one input and one output. */
    public Graph(GraphNode input, GraphNode output) {
        this(List.of(input), List.of(output));
    }

    /** A graph from its inputs to its outputs. */
    public Graph(List<GraphNode> inputs, List<GraphNode> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.order = sortedNodes();
        registerLayers();
        buildWithSamples();
    }

    /** The layer calls (and inputs) the outputs need, each once, after those it reads. */
    private List<GraphNode> sortedNodes() {
        List<GraphNode> sorted = new ArrayList<>();
        Set<GraphNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<GraphNode> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (GraphNode output : outputs) {
            if (done.contains(output.application())) {
                continue;
            }
            stack.push(output.application());
            next.push(0);
            while (!stack.isEmpty()) {
                GraphNode node = stack.peek();
                int i = next.pop();
                if (i < node.inputs().size()) {
                    next.push(i + 1);
                    GraphNode child = node.inputs().get(i).application();
                    if (!done.contains(child)) {
                        stack.push(child);
                        next.push(0);
                    }
                } else {
                    stack.pop();
                    if (done.add(node)) {
                        if (node.isInput() && !inputs.contains(node)) {
                            throw new IllegalArgumentException("Graph: the outputs depend on input '"
                                    + node.inputName() + "', which is not among the graph's inputs");
                        }
                        sorted.add(node);
                    }
                }
            }
        }
        return sorted;
    }

    /** Given names first (Layer.named), then Keras's generated ones, skipping names already taken. */
    private void registerLayers() {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> given = new HashSet<>();
        order.stream().map(GraphNode::layer).filter(l -> l != null && l.givenName() != null)
                .forEach(l -> given.add(l.givenName()));
        for (GraphNode node : order) {
            Layer layer = node.layer();
            if (layer == null || names.containsKey(layer)) {
                continue;
            }
            String name = layer.givenName();
            if (name == null) {
                String base = kerasName(layer.getClass().getSimpleName());
                do {
                    int n = counts.merge(base, 1, Integer::sum);
                    name = n == 1 ? base : base + "_" + (n - 1);
                } while (given.contains(name));
            }
            names.put(layer, name);
            addChild(name, layer);
        }
    }

    /** {@code Conv2d} → {@code conv2d}, {@code BatchNorm2d} → {@code batch_norm2d}, as Keras names layers. */
    static String kerasName(String className) {
        return className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private void buildWithSamples() {
        List<Tensor> samples = new ArrayList<>();
        for (GraphNode input : inputs) {
            int[] dims = new int[input.sampleShape().rank() + 1];
            dims[0] = 1;
            System.arraycopy(input.sampleShape().toArray(), 0, dims, 1, dims.length - 1);
            samples.add(Tensor.zeros(dims));
        }
        try (Inference ignored = Inference.enter()) {
            Map<GraphNode, List<Tensor>> values = run(samples);
            outputs.forEach(output -> valueOf(output, values));     // each output the graph selects exists
            values.forEach((node, value) -> shapes.put(node, value.stream().map(Tensor::shape).toList()));
        }
    }

    /** Every layer call's outputs, by the node {@link Layer#apply} returned (inputs by their own node). */
    private Map<GraphNode, List<Tensor>> run(List<Tensor> values) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException(path() + ": expected " + inputs.size() + " inputs "
                    + inputNames() + ", got " + values.size());
        }
        Map<GraphNode, List<Tensor>> computed = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Shape sample = inputs.get(i).sampleShape();
            Shape actual = values.get(i).shape();
            if (actual.rank() != sample.rank() + 1 || !sampleOf(actual).equals(sample)) {
                throw new IllegalArgumentException(path() + ": input '" + inputs.get(i).inputName()
                        + "' expects samples of shape " + sample + " (batch first), got " + actual);
            }
            computed.put(inputs.get(i), List.of(values.get(i)));
        }
        for (GraphNode node : order) {
            if (!node.isInput()) {
                List<Tensor> args = node.inputs().stream().map(input -> valueOf(input, computed)).toList();
                computed.put(node, node.layer().forwardAll(args));
            }
        }
        return computed;
    }

    /** The value of a node: the output of its layer call that it selects. */
    private Tensor valueOf(GraphNode node, Map<GraphNode, List<Tensor>> computed) {
        List<Tensor> all = computed.get(node.application());
        if (node.outputIndex() >= all.size()) {
            String layer = nameOf(node.layer());
            throw new IllegalArgumentException(path() + "." + layer + ": gives " + all.size() + " output"
                    + (all.size() == 1 ? "" : "s") + ", numbered from 0, so it has no output(" + node.outputIndex()
                    + "); " + (all.size() == 1 ? "use the node apply returned" : "select output 0 to "
                    + (all.size() - 1)));
        }
        return all.get(node.outputIndex());
    }

    private static Shape sampleOf(Shape batched) {
        int[] dims = batched.toArray();
        return Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
    }

    private List<String> inputNames() {
        return inputs.stream().map(GraphNode::inputName).toList();
    }

    /** Every output for the given inputs, in the order of the graph's outputs. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> values) {
        Map<GraphNode, List<Tensor>> computed = run(values);
        return outputs.stream().map(output -> valueOf(output, computed)).toList();
    }

    @Override
    public Tensor forward(List<Tensor> values) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(path() + ": has " + outputs.size() + " outputs; use forwardAll");
        }
        return forwardAll(values).get(0);
    }

    @Override
    protected Tensor call(Tensor input) {
        return forward(List.of(input));
    }

    /**
     * The inputs and layer calls (the nodes {@link Layer#apply} returned) in an order where every
     * node comes after those it reads; each call once, however many of its outputs are used.
     */
    public List<GraphNode> nodes() {
        return order;
    }

    /** The graph's inputs. */
    public List<GraphNode> inputNodes() {
        return inputs;
    }

    /** The graph's outputs. */
    public List<GraphNode> outputNodes() {
        return outputs;
    }

    /** A node's shape for a batch of one (the batch dimension is 1): the output of its layer call it selects. */
    public Shape shapeOf(GraphNode node) {
        return shapes.get(node.application()).get(node.outputIndex());
    }

    /** The shapes of every output of a node's layer call, for a batch of one. */
    public List<Shape> outputShapesOf(GraphNode node) {
        return shapes.get(node.application());
    }

    /** The child name of a layer in this graph. */
    public String nameOf(Layer layer) {
        return names.get(layer);
    }
}
