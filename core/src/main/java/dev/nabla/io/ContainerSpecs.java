package dev.nabla.io;

import static dev.nabla.io.LayerType.list;
import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry entries of the containers, whose arguments hold other layers' specs (flat
 * maps, {@link LayerSpec#toMap()}):
 *
 * <ul>
 * <li>{@code Sequential}: {@code layers}, the list of specs in order; {@code input_shape},
 *     one sample's shape without the batch, when the model knew it;
 * <li>{@code Graph}: {@code inputs}, a list of {@code {name, shape}} (the sample shape, without
 *     the batch); {@code layers}, specs by name (a layer applied at several nodes is shared);
 *     {@code nodes}, a list of {@code {layer, inputs}} (the layer calls) in an order where every
 *     node comes after its inputs; and {@code outputs}. Nodes are numbered with the inputs first
 *     (0, 1, ...), then the nodes in order; {@code inputs} and {@code outputs} hold these numbers,
 *     a number for a node's first output and the pair {@code [number, i]} for its output
 *     {@code i} ({@link GraphNode#output(int)}), which model file version 2 added.
 * </ul>
 */
final class ContainerSpecs {

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(Sequential.class, "layers: list, input_shape: ints", ContainerSpecs::sequential,
                    ContainerSpecs::describeSequential),
            LayerType.of(Graph.class, "inputs: list, layers: map, nodes: list, outputs: list", ContainerSpecs::graph,
                    ContainerSpecs::describeGraph));

    private ContainerSpecs() {
    }

    private static Sequential sequential(Arguments a) {
        Sequential sequential = new Sequential();
        List<?> layers = a.has("layers") ? (List<?>) a.raw("layers") : List.of();
        for (int i = 0; i < layers.size(); i++) {
            sequential.add(child(layers.get(i), "layers[" + i + "]"));
        }
        if (a.has("input_shape")) {
            sequential.withInputShape(a.integers("input_shape", -1));
        }
        return sequential;
    }

    /** The layers, and one sample's shape once the model has seen data or was declared it. */
    private static Map<String, Object> describeSequential(Sequential sequential) {
        Map<String, Object> described = new LinkedHashMap<>(values("layers",
                sequential.layers().stream().map(l -> LayerSpecs.describe(l).toMap()).toList()));
        if (sequential.inputShape() != null) {
            described.put("input_shape", list(sequential.inputShape()));
        }
        return described;
    }

    /** The layer a nested spec describes; its errors are located under {@code key}. */
    static Layer child(Object spec, String key) {
        try {
            return LayerSpecs.create(LayerSpec.of(object(spec, "", "a layer spec")));
        } catch (LayerSpecException e) {
            throw e.within(key);
        }
    }

    private static Graph graph(Arguments a) {
        List<GraphNode> nodes = new ArrayList<>();
        List<?> inputs = (List<?>) required(a, "inputs");
        for (int i = 0; i < inputs.size(); i++) {
            String key = "inputs[" + i + "]";
            Map<?, ?> input = object(inputs.get(i), key, "an input {name, shape}");
            Object name = input.get("name");
            Object shape = input.get("shape");
            if (!(name instanceof String text) || !(shape instanceof List<?> sizes) || !allIntegers(sizes)) {
                throw new LayerSpecException(key, "Graph: an input needs a string \"name\" and a list of integers"
                        + " \"shape\" (the sample shape, without the batch), got " + input);
            }
            nodes.add(GraphNode.input(text, sizes.stream().mapToInt(v -> ((Number) v).intValue()).toArray()));
        }
        List<GraphNode> graphInputs = List.copyOf(nodes);
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<?, ?> layerSpecs = a.has("layers") ? (Map<?, ?>) a.raw("layers") : Map.of();
        layerSpecs.forEach((name, spec) -> layers.put(String.valueOf(name), child(spec, "layers." + name)));
        Set<String> unused = new LinkedHashSet<>(layers.keySet());
        List<?> nodeSpecs = a.has("nodes") ? (List<?>) a.raw("nodes") : List.of();
        for (int j = 0; j < nodeSpecs.size(); j++) {
            String key = "nodes[" + j + "]";
            Map<?, ?> node = object(nodeSpecs.get(j), key, "a node {layer, inputs}");
            Layer layer = layers.get(node.get("layer") instanceof String name ? name : null);
            if (layer == null) {
                throw new LayerSpecException(key + ".layer", "Graph: a node's \"layer\" must name one of the graph's"
                        + " layers " + layers.keySet() + ", got " + Arguments.show(node.get("layer")));
            }
            unused.remove((String) node.get("layer"));
            nodes.add(layer.apply(references(node.get("inputs"), nodes, key + ".inputs").toArray(GraphNode[]::new)));
        }
        if (!unused.isEmpty()) {
            throw new LayerSpecException("layers." + unused.iterator().next(), "Graph: the layers " + unused
                    + " are applied at no node");
        }
        return new Graph(graphInputs, references(required(a, "outputs"), nodes, "outputs"));
    }

    /**
     * The nodes a list of references names: node numbers, each among those defined so far, or
     * pairs {@code [number, output]} for a node's other outputs.
     */
    private static List<GraphNode> references(Object value, List<GraphNode> defined, String key) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(ContainerSpecs::isReference)) {
            throw new LayerSpecException(key, "Graph: expected a non-empty list of node numbers (or [node number,"
                    + " output number] pairs), got " + Arguments.show(value));
        }
        List<GraphNode> out = new ArrayList<>();
        for (Object reference : list) {
            List<?> pair = reference instanceof List<?> p ? p : List.of(reference, 0);
            long n = ((Number) pair.get(0)).longValue();
            long output = ((Number) pair.get(1)).longValue();
            if (n < 0 || n >= defined.size()) {
                throw new LayerSpecException(key, "Graph: node number " + n + " is not defined here; the inputs and"
                        + " the nodes before this point are numbered 0 to " + (defined.size() - 1));
            }
            if (output < 0 || output > Integer.MAX_VALUE) {
                throw new LayerSpecException(key, "Graph: output number " + output + " of node " + n
                        + " is out of range; outputs are numbered from 0");
            }
            try {
                out.add(defined.get((int) n).output((int) output));
            } catch (IllegalArgumentException e) {
                throw new LayerSpecException(key, "Graph: node " + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static boolean isReference(Object value) {
        return value instanceof List<?> pair ? pair.size() == 2 && allIntegers(pair) : allIntegers(List.of(value));
    }

    /** A node as a reference: its call's number, with the output it selects unless that is the first. */
    private static Object reference(GraphNode node, Map<GraphNode, Integer> ids) {
        int id = ids.get(node.application());
        return node.outputIndex() == 0 ? (Object) id : List.of(id, node.outputIndex());
    }

    /**
     * The model file version a spec needs: 2 when a graph in it (at any depth) reads a layer's
     * output other than the first, else 1, so files of other models stay readable by older Nabla.
     */
    static int formatVersion(Object spec) {
        if (spec instanceof Map<?, ?> map) {
            boolean selects = "Graph".equals(map.get("type")) && (hasPair(map.get("outputs"))
                    || map.get("nodes") instanceof List<?> nodes && nodes.stream()
                    .anyMatch(n -> n instanceof Map<?, ?> node && hasPair(node.get("inputs"))));
            return selects ? 2 : map.values().stream().mapToInt(ContainerSpecs::formatVersion).max().orElse(1);
        }
        return spec instanceof List<?> list ? list.stream().mapToInt(ContainerSpecs::formatVersion).max().orElse(1) : 1;
    }

    private static boolean hasPair(Object references) {
        return references instanceof List<?> list && list.stream().anyMatch(r -> r instanceof List<?>);
    }

    private static Map<String, Object> describeGraph(Graph graph) {
        Map<GraphNode, Integer> ids = new IdentityHashMap<>();
        List<Object> inputs = new ArrayList<>();
        for (GraphNode input : graph.inputNodes()) {
            ids.put(input, ids.size());
            inputs.add(values("name", input.inputName(), "shape", list(input.sampleShape().toArray())));
        }
        Map<String, Object> layers = new LinkedHashMap<>();
        graph.children().forEach((name, layer) -> layers.put(name, LayerSpecs.describe(layer).toMap()));
        List<Object> nodes = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            if (!node.isInput()) {
                nodes.add(values("layer", graph.nameOf(node.layer()),
                        "inputs", node.inputs().stream().map(input -> reference(input, ids)).toList()));
                ids.put(node, ids.size());
            }
        }
        return values("inputs", inputs, "layers", layers, "nodes", nodes,
                "outputs", graph.outputNodes().stream().map(output -> reference(output, ids)).toList());
    }

    private static Object required(Arguments a, String name) {
        if (!a.has(name)) {
            throw new LayerSpecException(name, "Graph: argument '" + name + "' is required");
        }
        return a.raw(name);
    }

    private static Map<?, ?> object(Object value, String key, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new LayerSpecException(key, "expected " + what + " (an object), got " + Arguments.show(value));
        }
        return map;
    }

    private static boolean allIntegers(List<?> values) {
        return values.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
    }
}
