package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.LayerSpecException;
import dev.nabla.io.LayerSpecs;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.SampleShapes;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code model} section: a {@code sequential} list of layers, or a {@code graph} of
 * named layers with their inputs, and optionally the {@code input_shape} of one sample
 * (by default the data's). {@link #parse} checks the structure and the names a graph
 * refers to; {@link #build} makes the layers and runs one zero sample through them as it
 * goes, so a layer that does not fit its input is reported at its own line.
 */
public final class ModelSpec {

    static final List<String> KEYS = Stream.concat(Stream.of("input_shape", "sequential", "graph", "generative"),
            ZooModelSpec.KEYS.stream()).toList();
    static final List<String> GRAPH_KEYS = List.of("inputs", "layers", "outputs");
    private static final String DOES_NOT_FIT = " does not fit its input: ";

    private final ConfigNode node;
    private final int[] inputShape;
    private final boolean graph;
    private final List<LayerEntry> layers;
    private final List<ConfigNode> inputs;
    private final List<ConfigNode> outputs;
    private GenerativeSpec generative;
    /** The zoo architecture the section names instead of layers, or null. */
    private final ZooModelSpec zoo;

    private ModelSpec(ConfigNode node, int[] inputShape, boolean graph, List<LayerEntry> layers,
                      List<ConfigNode> inputs, List<ConfigNode> outputs) {
        this(node, inputShape, graph, layers, inputs, outputs, null);
    }

    private ModelSpec(ConfigNode node, int[] inputShape, boolean graph, List<LayerEntry> layers,
                      List<ConfigNode> inputs, List<ConfigNode> outputs, ZooModelSpec zoo) {
        this.zoo = zoo;
        this.node = node;
        this.inputShape = inputShape;
        this.graph = graph;
        this.layers = layers;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    static ModelSpec parse(ConfigNode node) {
        ConfigMap map = node.asMap().allowOnly(KEYS);
        int[] inputShape = map.has("input_shape") ? shape(map.get("input_shape")) : null;
        if (map.has("generative")) {
            if (map.has("sequential") || map.has("graph")) {
                throw node.error("give either 'generative' (a GAN, VAE or autoencoder of its own) or a 'sequential'"
                        + " or 'graph' model, not both");
            }
            ModelSpec spec = new ModelSpec(node, inputShape, false, List.of(), List.of(), List.of());
            spec.generative = GenerativeSpec.parse(map.get("generative"));
            return spec;
        }
        if (map.has("zoo")) {
            if (map.has("sequential") || map.has("graph")) {
                throw node.error("give either 'zoo' (an architecture of the model zoo) or layers ('sequential' or"
                        + " 'graph'), not both");
            }
            return new ModelSpec(node, inputShape, false, List.of(), List.of(), List.of(), ZooModelSpec.parse(map));
        }
        for (String key : ZooModelSpec.KEYS) {
            if (map.has(key)) {
                throw map.get(key).error("'" + key + "' goes with 'zoo: ARCHITECTURE' (the model zoo), not with"
                        + " a list of layers");
            }
        }
        if (map.has("sequential") == map.has("graph")) {
            throw node.error("give either 'sequential' (a list of layers) or 'graph' (named layers and their"
                    + " inputs), not " + (map.has("graph") ? "both" : "neither"));
        }
        if (map.has("sequential")) {
            List<LayerEntry> layers = entries(map.get("sequential"), false);
            return new ModelSpec(node, inputShape, false, layers, List.of(), List.of());
        }
        ConfigMap graph = map.get("graph").asMap().allowOnly(GRAPH_KEYS);
        List<ConfigNode> inputs = graph.has("inputs") ? graph.get("inputs").asListOrOne() : List.of();
        if (inputs.size() > 1) {
            throw inputs.get(1).error("a graph takes one input here, the data's features; got " + inputs.size());
        }
        List<LayerEntry> layers = entries(graph.require("layers"), true);
        List<ConfigNode> outputs = graph.has("outputs") ? graph.get("outputs").asListOrOne() : List.of();
        if (outputs.size() > 1) {
            throw outputs.get(1).error("a graph gives one output here, the predictions; got " + outputs.size());
        }
        checkNames(inputs, layers, outputs);
        return new ModelSpec(node, inputShape, true, layers, inputs, outputs);
    }

    /** Checks a list of layers (a zoo model's head) as a {@code sequential} section is checked. */
    static void checkLayers(ConfigNode list) {
        entries(list, false);
    }

    /** A section of the layers in {@code list}, in order, as a {@code sequential} section. */
    static ModelSpec sequentialOf(ConfigNode list) {
        return new ModelSpec(list, null, false, entries(list, false), List.of(), List.of());
    }

    /** The same section with files (a zoo model's weights) resolved against {@code directory}. */
    ModelSpec withBase(Path directory) {
        return zoo == null ? this : new ModelSpec(node, inputShape, graph, layers, inputs, outputs,
                zoo.withBase(directory));
    }

    private static List<LayerEntry> entries(ConfigNode list, boolean inGraph) {
        List<LayerEntry> entries = list.asList().stream().map(n -> LayerEntry.parse(n, inGraph)).toList();
        if (entries.isEmpty()) {
            throw list.error("expected at least one layer");
        }
        return entries;
    }

    /** Names are unique, and every reference is to an input or an earlier layer. */
    private static void checkNames(List<ConfigNode> inputs, List<LayerEntry> layers, List<ConfigNode> outputs) {
        Map<String, ConfigNode> defined = new LinkedHashMap<>();
        inputs.forEach(input -> define(defined, input));
        List<String> later = layers.stream().filter(e -> e.name() != null).map(e -> e.name().asString()).toList();
        for (LayerEntry entry : layers) {
            entry.inputs().forEach(reference -> resolve(defined, later, reference));
            if (entry.name() != null) {
                define(defined, entry.name());
            }
        }
        outputs.forEach(reference -> resolve(defined, later, reference));
    }

    private static void define(Map<String, ConfigNode> defined, ConfigNode name) {
        ConfigNode first = defined.putIfAbsent(name.asString(), name);
        if (first != null) {
            throw name.error("the name '" + name.asString() + "' is already used on line " + first.line());
        }
    }

    private static void resolve(Map<String, ConfigNode> defined, List<String> later, ConfigNode reference) {
        String name = reference.asString();
        if (!defined.containsKey(name)) {
            throw reference.error(later.contains(name)
                    ? "'" + name + "' is defined further down; a layer can only take inputs from above it"
                    : "no input or layer is named '" + name + "'; named so far: " + String.join(", ", defined.keySet()));
        }
    }

    private static int[] shape(ConfigNode node) {
        List<ConfigNode> dims = node.asList();
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asInt(1);
        }
        if (shape.length == 0) {
            throw node.error("expected the sizes of one sample, e.g. [1, 28, 28], got an empty list");
        }
        return shape;
    }

    /** The {@code generative} section, or null for a {@code sequential} or {@code graph} model. */
    public GenerativeSpec generative() {
        return generative;
    }

    /** The {@code input_shape} given, or null. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /**
     * Fails at {@code input_shape}, before any layer is built or trained, when the file gives
     * one and the data's samples have another shape; with a hint when it looks channels-last.
     */
    public void checkDataShape(int[] dataShape) {
        if (inputShape == null || dataShape == null || Arrays.equals(inputShape, dataShape)) {
            return;
        }
        throw node.asMap().get("input_shape").error("expected the shape of the data's samples, "
                + Arrays.toString(dataShape) + ", got " + Arrays.toString(inputShape) + "; write input_shape: "
                + Arrays.toString(dataShape) + ", or leave it out to take the data's"
                + SampleShapes.channelsLastHint(inputShape));
    }

    /** Makes the layers for samples of {@code sampleShape}, checking each against its input. */
    public Layer build(int[] sampleShape) {
        if (generative != null) {
            return generative.create(sampleShape, 1).network();
        }
        if (zoo != null) {
            return zoo.build(sampleShape);
        }
        try {
            return graph ? buildGraph(sampleShape) : buildSequential(sampleShape);
        } catch (ConfigException e) {
            String hint = SampleShapes.channelsLastHint(sampleShape);
            if (hint.isEmpty() || !e.problem().contains(DOES_NOT_FIT)) {
                throw e;
            }
            throw new ConfigException(e.source(), e.line(), e.path(), e.problem() + hint);
        }
    }

    private Layer buildSequential(int[] sampleShape) {
        Tensor x = sample(sampleShape);
        Sequential sequential = new Sequential();
        Layer previous = null;
        for (LayerEntry entry : layers) {
            Layer layer = create(entry);
            warnOfPoolingAcrossEmbeddings(previous, layer, entry);
            previous = layer;
            x = probe(layer, List.of(x), entry.node(), entry.type());
            append(sequential, layer, entry);
            if (entry.hasActivation()) {
                Layer activation = activation(entry);
                x = probe(activation, List.of(x), entry.activation(), entry.activation());
                append(sequential, activation, entry);
            }
        }
        return sequential;
    }

    /**
     * Keras pools [steps, features] over the steps; Nabla is channels-first and pools the last
     * axis unless told {@code data_format: channels_last}, so a global pooling right after an
     * embedding averages each word's vector instead of the words: legal, but almost never what a
     * Keras user means.
     */
    private static void warnOfPoolingAcrossEmbeddings(Layer previous, Layer layer, LayerEntry entry) {
        boolean channelsFirst = layer instanceof GlobalAvgPool avg && avg.dataFormat() == DataFormat.CHANNELS_FIRST
                || layer instanceof GlobalMaxPool max && max.dataFormat() == DataFormat.CHANNELS_FIRST;
        if (previous instanceof Embedding && channelsFirst) {
            System.err.println("WARNING: " + entry.node().source() + ":" + entry.node().line() + ": "
                    + entry.type().asString() + " right after an embedding pools each token's vector, not the tokens:"
                    + " Nabla is channels-first; give it data_format: channels_last to pool over the tokens (and"
                    + " skip the padding of mask_zero), as Keras's GlobalAveragePooling1D does on [steps, features]");
        }
    }

    /** Adds a layer; a name taken twice is reported at the second. */
    private static void append(Sequential sequential, Layer layer, LayerEntry entry) {
        try {
            sequential.add(layer);
        } catch (IllegalArgumentException e) {
            ConfigNode name = entry.arguments().get("name");
            throw (name != null ? name : entry.node()).error("the layer name is already taken (" + e.getMessage()
                    + "); give each layer its own name, other than the positions 0, 1, 2, ... of unnamed layers");
        }
    }

    private Layer buildGraph(int[] sampleShape) {
        String inputName = inputs.isEmpty() ? "input" : inputs.get(0).asString();
        GraphNode input = GraphNode.input(inputName, sampleShape);
        Map<String, GraphNode> named = new HashMap<>(Map.of(inputName, input));
        Map<GraphNode, Tensor> values = new IdentityHashMap<>(Map.of(input, sample(sampleShape)));
        GraphNode previous = input;
        for (LayerEntry entry : layers) {
            List<GraphNode> in = entry.inputs().isEmpty() ? List.of(previous)
                    : entry.inputs().stream().map(reference -> named.get(reference.asString())).toList();
            Layer layer = create(entry);
            if (entry.name() != null) {
                layer.named(entry.name().asString());
            }
            Tensor value = probe(layer, in.stream().map(values::get).toList(), entry.node(), entry.type());
            GraphNode out = layer.apply(in.toArray(GraphNode[]::new));
            if (entry.hasActivation()) {
                Layer activation = activation(entry);
                value = probe(activation, List.of(value), entry.activation(), entry.activation());
                out = activation.apply(out);
            }
            values.put(out, value);
            if (entry.name() != null) {
                named.put(entry.name().asString(), out);
            }
            previous = out;
        }
        GraphNode output = outputs.isEmpty() ? previous : named.get(outputs.get(0).asString());
        return new Graph(input, output);
    }

    private static Tensor sample(int[] sampleShape) {
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return Tensor.zeros(dims);
    }

    /**
     * The layer's output for these inputs, in evaluation mode; a shape error is reported at
     * {@code where}, naming the layer by its {@code type} as written and giving the fix in the
     * file's terms rather than Java's.
     */
    private static Tensor probe(Layer layer, List<Tensor> in, ConfigNode where, ConfigNode type) {
        layer.eval();
        String problem = "the layer '" + type.asString() + "'" + DOES_NOT_FIT;
        try (NoGrad ignored = NoGrad.enter()) {
            return in.size() == 1 ? layer.forward(in.get(0)) : layer.forward(in);
        } catch (AdvisedException e) {
            throw where.error(problem + e.fileMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            String javaName = layer.path() + ": ";
            String detail = message.startsWith(javaName) ? message.substring(javaName.length()) : message;
            throw where.error(problem + detail);
        } finally {
            layer.train();
        }
    }

    /** The entry's layer; a complaint about an argument is reported at it, any other at the type. */
    private static Layer create(LayerEntry entry) {
        try {
            return LayerSpecs.create(entry.type().asString(), entry.argumentValues());
        } catch (LayerSpecException e) {
            ConfigNode argument = entry.arguments().get(e.key());
            throw (argument != null ? argument : e.key().isEmpty() ? entry.node() : entry.type()).error(e.detail());
        }
    }

    private static Layer activation(LayerEntry entry) {
        try {
            return ActivationLayers.create(entry.activation().asString());
        } catch (LayerSpecException e) {
            throw entry.activation().error("unknown activation: " + e.detail());
        }
    }

    /** The section as written, with the input shape used. */
    Map<String, Object> resolved(int[] sampleShape) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (generative != null) {
            out.put("generative", generative.resolved());
            return out;
        }
        if (sampleShape != null) {
            List<Integer> dims = new ArrayList<>();
            for (int d : sampleShape) {
                dims.add(d);
            }
            out.put("input_shape", dims);
        }
        Map<?, ?> written = (Map<?, ?>) node.value();
        written.forEach((k, v) -> {
            if (!k.equals("input_shape")) {
                out.put((String) k, v);
            }
        });
        return out;
    }
}
