package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Elu;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Multiply;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Prelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.SpatialDropout2d;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.UpSampling2d;
import dev.nabla.nn.ZeroPadding2d;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LayerSpecsTest {

    /** One or more layers of every built-in type, most with settings other than the defaults. */
    /** Nabla's own type names; tests of other packages in this JVM may have registered more. */
    static List<String> builtInTypes() {
        return LayerSpecs.descriptions().stream().filter(LayerTypeDescription::builtIn)
                .map(LayerTypeDescription::name).toList();
    }

    static List<Layer> everyLayerType() {
        GraphNode a = GraphNode.input("a", 4);
        GraphNode b = GraphNode.input("b", 4);
        Dense shared = new Dense(4);
        Graph graph = new Graph(List.of(a, b), List.of(new Add().apply(shared.apply(a), shared.apply(b), a)));
        List<Layer> recurrent = Stream.concat(Stream.concat(RecurrentLayerFixtures.everyType().stream(),
                AttentionLayerFixtures.everyType().stream()), LanguageModelFixtures.everyType().stream()).toList();
        return Stream.concat(recurrent.stream(), Stream.of(
                new Dense(8), new Dense(Dense.Config.of(5).inFeatures(3).useBias(false)),
                new Dense(Dense.Config.of(5).inFeatures(3).activation(ActivationFunction.RELU)),
                new Dense(Dense.Config.of(4).useBias(false).activation(ActivationFunction.GELU)),
                new Conv1d(4, 3),
                new Conv1d(Conv1d.Config.of(4, 3).inChannels(2).options(ConvolutionOptions.defaults().stride(2)
                        .padding(1))),
                new Conv2d(Conv2d.Config.of(6, new int[] {3, 5}).options(ConvolutionOptions.defaults().paddingSame()
                        .dilation(2).groups(2)).useBias(false))
                        .build(1, 4, 9, 9),
                new Conv2d(Conv2d.Config.of(6, 3).inChannels(3).options(ConvolutionOptions.defaults().stride(2, 1)
                        .padding(1, 0))),
                new ConvTranspose2d(ConvTranspose2d.Config.of(2, 3).inChannels(4)
                        .options(ConvolutionOptions.defaults().stride(2).padding(1).outputPadding(1))),
                new ConvTranspose2d(ConvTranspose2d.Config.of(2, 3).options(ConvolutionOptions.defaults())),
                new BatchNorm1d(),
                new BatchNorm1d(BatchNorm1d.Config.of().numFeatures(5).eps(1e-3f).momentum(0.01f).affine(false)),
                new BatchNorm2d(3),
                new LayerNorm(),
                new LayerNorm(LayerNorm.Config.of().normalizedShape(new int[] {3, 4}).eps(1e-6f)
                        .elementwiseAffine(false)), new GroupNorm(2), new GroupNorm(2, 6),
                new Embedding(10, 4), new Embedding(Embedding.Config.of(10, 4).paddingIndex(-1)), new Prelu(),
                new Prelu(3, 0.1f),
                new Relu(), new Sigmoid(), new Tanh(), new Silu(), new LeakyRelu(0.2f), new Elu(0.5f),
                new Gelu(true), new Softplus(), new Softplus(2f, 1f), new Softmax(1), new LogSoftmax(),
                new MaxPool1d(2), new MaxPool2d(MaxPool2d.Config.of(3).stride(2).padding(1)),
                new AvgPool1d(AvgPool1d.Config.of(3).stride(1).padding(1)), new AvgPool2d(2),
                new AdaptiveAvgPool2d(2, 3), new GlobalAvgPool(), new GlobalMaxPool(),
                new GlobalAvgPool(DataFormat.CHANNELS_LAST), new GlobalMaxPool(DataFormat.CHANNELS_LAST),
                new Flatten(), new Flatten(2, 3), new Reshape(1, -1, 4), new Permute(2, 1, 3),
                new UpSampling2d(),
                new UpSampling2d(UpSampling2d.Config.of().size(2, 3)
                        .interpolation(UpSampling2d.Interpolation.BILINEAR)),
                ZeroPadding2d.sides(1, 2, 3, 4), new Dropout(0.3f), new SpatialDropout2d(0.1f),
                new Add(), new Multiply(), new Concatenate(-1), new dev.nabla.nn.Relu6(),
                new dev.nabla.nn.Residual(List.of(Dense.linear(2, 2).named("inner"), new Relu()),
                        Dense.linear(2, 2).named("projection"), dev.nabla.tensor.ActivationFunction.RELU),
                new dev.nabla.nn.DenseBlock(List.of(Conv2d.fromChannels(2, 1, 1))),
                new Sequential(Dense.linear(2, 3), new Relu(), new Sequential(Dense.linear(3, 1))), graph,
                Dense.linear(2, 2).setTrainable(false))).toList();
    }

    @Test
    void everyPublicLayerClassOfNnIsRegistered() throws IOException, ClassNotFoundException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/nabla/nn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                Class<?> c = Class.forName("dev.nabla.nn." + name);
                boolean concreteLayer = Layer.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                        && !Modifier.isAbstract(c.getModifiers());
                if (concreteLayer && !LayerSpecs.types().contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "add a LayerSpecs entry for each new layer");
        assertTrue(LayerSpecs.types().size() >= 38, LayerSpecs.types().toString());
    }

    @Test
    void describeThenCreateGivesAnEquivalentLayerForEveryType() {
        List<String> seen = new ArrayList<>();
        for (Layer layer : everyLayerType()) {
            LayerSpec spec = LayerSpecs.describe(layer);
            Layer again = LayerSpecs.create(spec);
            assertEquals(layer.getClass(), again.getClass(), spec.toString());
            assertEquals(spec, LayerSpecs.describe(again), "describe(create(spec)) for " + layer);
            assertEquals(layer.toString(), again.toString(), spec.toString());
            assertEquals(layer.isBuilt(), again.isBuilt(), spec.toString());
            assertEquals(shapes(layer.stateDict()), shapes(again.stateDict()), spec.toString());
            assertEquals(layer.isTrainable(), again.isTrainable(), spec.toString());
            seen.add(spec.type());
        }
        assertEquals(new TreeSet<>(builtInTypes()), new TreeSet<>(seen));
    }

    @Test
    void specsSurviveJsonWithItsLongsAndDoubles() throws IOException {
        for (Layer layer : everyLayerType()) {
            LayerSpec spec = LayerSpecs.describe(layer);
            String json = JsonWriter.write(spec.toMap());
            Map<?, ?> read = (Map<?, ?>) JsonReader.parseDocument(json.getBytes(StandardCharsets.UTF_8));
            assertEquals(spec, LayerSpecs.describe(LayerSpecs.create(LayerSpec.of(read))), json);
        }
    }

    private static Map<String, String> shapes(Map<String, Tensor> state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.forEach((k, t) -> out.put(k, t.shape().toString()));
        return out;
    }

    @Test
    void describesWithReadableSnakeCaseArguments() {
        assertEquals("{type=Dense, units=5, in_features=3, use_bias=false, activation=linear}",
                LayerSpecs.describe(new Dense(Dense.Config.of(5).inFeatures(3).useBias(false))).toMap().toString());
        assertEquals("{type=Dense, units=5, use_bias=true, activation=relu}",
                LayerSpecs.describe(new Dense(5, ActivationFunction.RELU)).toMap().toString());
        assertEquals("{type=Conv2d, out_channels=8, kernel_size=[3, 1], stride=1, padding=0, dilation=1, groups=1,"
                        + " use_bias=true, activation=relu}",
                LayerSpecs.describe(new Conv2d(Conv2d.Config.of(8, new int[] {3, 1})
                        .activation(ActivationFunction.RELU))).toMap().toString());
        assertEquals(ActivationFunction.GELU, ((Conv1d) LayerSpecs.create("conv1d",
                Map.of("out_channels", 2, "kernel_size", 3, "activation", "gelu"))).activation());
        assertEquals("{type=Conv2d, out_channels=8, kernel_size=[3, 3], in_channels=2, stride=2, padding=same,"
                        + " dilation=1, groups=1, use_bias=true, activation=linear}",
                LayerSpecs.describe(new Conv2d(Conv2d.Config.of(8, 3).inChannels(2)
                        .options(ConvolutionOptions.defaults().stride(2).paddingSame()))).toMap().toString());
        assertEquals("{type=BatchNorm2d, num_features=3, eps=1.0E-5, momentum=0.1, affine=true}",
                LayerSpecs.describe(new BatchNorm2d(3)).toMap().toString());
    }

    @Test
    void acceptsSnakeCaseTypeNamesAndKerasArgumentNames() {
        Layer conv = LayerSpecs.create("conv2d", Map.of("filters", 4, "kernel_size", List.of(3, 1), "strides", 2,
                "padding", "valid", "in_channels", 3));
        assertInstanceOf(Conv2d.class, conv);
        assertEquals("[4, 3, 3, 1]", Arrays.toString(conv.stateDict().get("weight").shape().toArray()));
        assertInstanceOf(BatchNorm2d.class, LayerSpecs.create("batch_norm2d", Map.of("epsilon", 1e-3)));
        assertInstanceOf(MaxPool2d.class, LayerSpecs.create("max_pool2d", Map.of("pool_size", 2L)));
        assertInstanceOf(Relu.class, LayerSpecs.create("relu", Map.of()));
        assertInstanceOf(LeakyRelu.class, LayerSpecs.create("LEAKY_RELU", Map.of("negative_slope", 0.2)));
        Dropout dropout = (Dropout) LayerSpecs.create("dropout", Map.of("rate", 0.25));
        assertEquals(0.25f, dropout.rate());
        Dense dense = (Dense) LayerSpecs.create("dense", Map.of("units", 10L, "in_features", 4, "trainable", false));
        assertEquals(4, dense.inFeatures());
        assertFalse(dense.isTrainable());
        assertEquals(List.of(), dense.trainableParameters());
        Dense swish = (Dense) LayerSpecs.create("dense", Map.of("units", 3, "activation", "Swish"));
        assertEquals(ActivationFunction.SILU, swish.activation());
        assertEquals("Dense: argument 'activation' must be one of linear, relu, sigmoid, tanh, gelu, silu, elu,"
                + " softplus, swish, none, identity, got \"relu6\"",
                createError("Dense", Map.of("units", 3, "activation", "relu6")).getMessage());
    }

    private static LayerSpecException createError(String type, Map<String, Object> arguments) {
        return assertThrows(LayerSpecException.class, () -> LayerSpecs.create(type, arguments));
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        LayerSpecException e = createError("Dens", Map.of());
        assertEquals("type", e.key());
        assertTrue(e.getMessage().startsWith("unknown layer type 'Dens'; known types: Dense, Conv1d, Conv2d,"),
                e.getMessage());
        assertTrue(e.getMessage().contains(", Sequential, Graph"), e.getMessage());
        assertTrue(e.getMessage()
                .endsWith(" (or in snake_case, such as batch_norm2d, or by Keras's and PyTorch's names,"
                + " such as MaxPooling2D and Linear; a type defined outside Nabla is known once registered with"
                + " LayerSpecs.register); did you mean 'Dense'?"), e.getMessage());
    }

    @Test
    void argumentErrorsNameTheArgumentTheExpectedKindAndTheLayerType() {
        LayerSpecException unknown = createError("Dense", Map.of("unitz", 10));
        assertEquals("Dense: argument 'unitz' is not known; known: units, in_features, use_bias, activation, trainable,"
                + " name; did you mean 'units'?", unknown.getMessage());
        assertEquals("unitz", unknown.key());
        assertEquals("Dense: argument 'units' must be an integer, got \"ten\" (a string)",
                createError("Dense", Map.of("units", "ten")).getMessage());
        assertEquals("Dense: argument 'units' must be an integer, got 10.5",
                createError("Dense", Map.of("units", 10.5)).getMessage());
        assertEquals("Dense: argument 'units' is required (an integer)", createError("Dense", Map.of()).getMessage());
        assertEquals("dropout: argument 'rate' must be a number, got true",
                createError("dropout", Map.of("rate", true)).getMessage());
        assertEquals("Conv2d: argument 'padding' must be an integer, a list of integers, \"same\" or \"valid\","
                        + " got \"full\" (a string)",
                createError("Conv2d", Map.of("out_channels", 2, "kernel_size", 3, "padding", "full")).getMessage());
        Map<String, Object> twice = new LinkedHashMap<>(Map.of("out_channels", 2, "kernel_size", 3));
        twice.put("stride", 1);
        twice.put("strides", 1);
        assertEquals("Conv2d: argument 'strides' repeats 'stride' (the same argument under another name); give one"
                + " of them", createError("Conv2d", twice).getMessage());
        assertEquals("up_sampling2d: argument 'interpolation' must be one of nearest, bilinear, got \"cubic\"",
                createError("up_sampling2d", Map.of("interpolation", "cubic")).getMessage());
        assertEquals("Conv2d: kernelSize needs (height, width) or one size, got 3: [3, 3, 3]",
                createError("Conv2d", Map.of("out_channels", 2, "kernel_size", List.of(3, 3, 3))).getMessage());
    }

    @Test
    void valuesTheLayerRefusesGiveItsOwnMessage() {
        LayerSpecException e = createError("Dense", Map.of("units", 0));
        assertEquals("Dense: units must be at least 1, got 0", e.getMessage());
        assertEquals("", e.key());
        assertEquals("Conv2d: ConvolutionOptions: stride (0, 0) must be at least 1",
                createError("Conv2d", Map.of("out_channels", 2, "kernel_size", 3, "stride", 0)).getMessage());
    }

    @Test
    void errorsInNestedSpecsSayWhereTheyAre() {
        Map<String, Object> spec = Map.of("layers", List.of(Map.of("type", "Dense", "units", 3),
                Map.of("type", "Sequential", "layers", List.of(Map.of("type", "Relu"), Map.of("type", "Foo")))));
        LayerSpecException e = createError("Sequential", spec);
        assertEquals("layers[1].layers[1].type", e.key());
        assertTrue(e.getMessage().startsWith("layers[1].layers[1].type: unknown layer type 'Foo'; known types:"),
                e.getMessage());
        assertTrue(e.messageUnder("model").startsWith("model.layers[1].layers[1].type: unknown layer type 'Foo'"));

        LayerSpecException argument = createError("Sequential", Map.of("layers", List.of(Map.of("type", "Dense"))));
        assertEquals("model.layers[0].units: Dense: argument 'units' is required (an integer)",
                argument.messageUnder("model"));
        assertEquals("layers[0]: expected a layer spec (an object), got 3",
                createError("Sequential", Map.of("layers", List.of(3))).getMessage());
        assertEquals("layers[0].type: a layer spec needs a \"type\"; found the keys [units]",
                createError("Sequential", Map.of("layers", List.of(Map.of("units", 3)))).getMessage());
    }

    @Test
    void graphSpecsNumberTheInputsThenTheNodes() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("inputs", List.of(Map.of("name", "x", "shape", List.of(3))));
        graph.put("layers", Map.of("dense", Map.of("type", "Dense", "units", 2), "relu", Map.of("type", "relu")));
        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(0)), Map.of("layer", "relu",
                "inputs", List.of(1))));
        graph.put("outputs", List.of(2));
        Graph built = (Graph) LayerSpecs.create("Graph", graph);
        assertEquals("[4, 2]", Arrays.toString(built.forward(Tensor.zeros(4, 3)).shape().toArray()));

        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(2)), Map.of("layer", "relu",
                "inputs", List.of(1))));
        LayerSpecException e = createError("Graph", graph);
        assertEquals("nodes[0].inputs: Graph: node number 2 is not defined here; the inputs and the nodes before this"
                + " point are numbered 0 to 0", e.messageUnder(""));
        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(0))));
        graph.put("outputs", List.of(1));
        assertEquals("Graph: the layers [relu] are applied at no node", createError("Graph", graph).getMessage());
    }

    @Test
    void graphSpecsSelectALayersOtherOutputsByPairs() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("inputs", List.of(Map.of("name", "x", "shape", List.of(3))));
        graph.put("layers", Map.of("dense", Map.of("type", "Dense", "units", 2)));
        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(List.of(0, 0)))));
        graph.put("outputs", List.of(List.of(1, 1)));
        assertEquals("Graph: Graph.dense: gives 1 output, numbered from 0, so it has no output(1); use the node apply"
                + " returned", createError("Graph", graph).getMessage());
        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(List.of(0, 1)))));
        assertEquals("nodes[0].inputs: Graph: node 0: GraphNode.output(1): the input 'x' is one value, output 0",
                createError("Graph", graph).messageUnder(""));
        graph.put("nodes", List.of(Map.of("layer", "dense", "inputs", List.of(List.of(0)))));
        assertEquals("nodes[0].inputs: Graph: expected a non-empty list of node numbers (or [node number, output"
                + " number] pairs), got the list [[0]]", createError("Graph", graph).messageUnder(""));
    }

    @Test
    void aSubclassedLayerCannotBeDescribed() {
        Layer custom = new Sequential(Dense.linear(2, 2), new Dense(Dense.Config.of(2).inFeatures(2)) { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSpecs.describe(custom));
        assertTrue(e.getMessage().startsWith("Sequential.1: dev.nabla.io.LayerSpecsTest$"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" is not a registered layer type, so its architecture cannot be written"
                + " down; register it (LayerSpecs.register), or save the weights only (PyTorchWeights.save or"
                + " Safetensors.write of stateDict()) and rebuild the model in code"), e.getMessage());
    }
}
