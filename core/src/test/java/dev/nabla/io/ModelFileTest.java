package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path directory;

    private static float[] predict(Layer model, List<Tensor> inputs) {
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            return model.forward(inputs).toFloatArray();
        }
    }

    /** Saves, loads and checks that the loaded model gives bitwise the same outputs; returns the loaded model. */
    private Layer roundTrip(Layer model, List<Tensor> inputs) throws IOException {
        Path file = directory.resolve("model.nabla");
        ModelFile.save(file, model);
        Layer loaded = ModelFile.load(file).model();
        assertEquals(model.getClass(), loaded.getClass());
        assertEquals(model.toString(), loaded.toString());
        float[] expected = predict(model, inputs);
        float[] actual = predict(loaded, inputs);
        assertTrue(Arrays.equals(expected, actual), "outputs differ:\n" + Arrays.toString(expected) + "\n"
                + Arrays.toString(actual));
        return loaded;
    }

    @Test
    void sequentialModelsUsingEveryBuiltInLayerTypePredictBitwiseTheSameAfterLoading() throws IOException {
        Set<String> types = new TreeSet<>();
        types.addAll(typesIn(roundTrip(ModelFixtures.imageModel(), List.of(ModelFixtures.imageInput()))));
        types.addAll(typesIn(roundTrip(ModelFixtures.sequenceModel(), List.of(ModelFixtures.sequenceInput()))));
        types.addAll(typesIn(roundTrip(ModelFixtures.tokenModel(), List.of(ModelFixtures.tokenInput()))));
        types.addAll(typesIn(roundTrip(ModelFixtures.recurrentModel(), List.of(ModelFixtures.tokenInput()))));
        types.addAll(typesIn(roundTrip(ModelFixtures.twoInputGraph(), ModelFixtures.graphInputs())));
        types.addAll(typesIn(roundTrip(AttentionLayerFixtures.tokenModel(), List.of(ModelFixtures.tokenInput()))));
        types.addAll(typesIn(roundTrip(AttentionLayerFixtures.pairsModel(), List.of(AttentionLayerFixtures.pairsInput()))));
        types.addAll(typesIn(roundTrip(AttentionLayerFixtures.imageModel(),
                List.of(AttentionLayerFixtures.imageInput()))));
        types.addAll(typesIn(roundTrip(AttentionLayerFixtures.encoderDecoderGraph(),
                AttentionLayerFixtures.graphInputs())));
        types.addAll(typesIn(roundTrip(new Sequential(Conv2d.fromChannels(1, 2, 1), new dev.nabla.nn.Residual(
                List.of(Conv2d.fromChannels(2, 2, 1), new dev.nabla.nn.Relu6()), null,
                dev.nabla.tensor.ActivationFunction.RELU), new dev.nabla.nn.DenseBlock(List.of(new Sequential(
                Conv2d.fromChannels(2, 3, 1))))), List.of(Tensor.randn(new dev.nabla.tensor.Generator(4), 2, 1, 4, 4)))));
        for (Layer languageModel : LanguageModelFixtures.models()) {
            types.addAll(typesIn(roundTrip(languageModel, List.of(ModelFixtures.tokenInput()))));
        }
        assertEquals(new TreeSet<>(LayerSpecsTest.builtInTypes()), types);
    }

    private static Set<String> typesIn(Layer layer) {
        Set<String> out = new HashSet<>(Set.of(layer.getClass().getSimpleName()));
        layer.children().values().forEach(c -> out.addAll(typesIn(c)));
        return out;
    }

    @Test
    void aGraphWithTwoInputsASkipConnectionAndASharedLayerKeepsItsStructure() throws IOException {
        Graph model = ModelFixtures.twoInputGraph();
        Graph loaded = (Graph) roundTrip(model, ModelFixtures.graphInputs());
        assertEquals(model.stateDict().keySet(), loaded.stateDict().keySet());
        assertEquals(List.of("a", "b"), loaded.inputNodes().stream().map(n -> n.inputName()).toList());
        assertEquals(model.nodes().size(), loaded.nodes().size());
    }

    @Test
    void givenLayerNamesSurviveSavingAndLoading() throws IOException {
        Path file = directory.resolve("named.nabla");
        Sequential model = new Sequential(Dense.linear(2, 3).named("hidden"), new Relu(), Dense.linear(3, 1)
                .named("head"));
        ModelFile.save(file, model);
        Sequential loaded = (Sequential) ModelFile.load(file).model();
        assertEquals(List.of("hidden.weight", "hidden.bias", "head.weight", "head.bias"),
                List.copyOf(loaded.stateDict().keySet()));
        assertEquals("head", loaded.get(2).givenName());

        GraphNode x = GraphNode.input("x", 2);
        Graph graph = new Graph(x, new Dense(1).named("head").apply(new Dense(4).apply(x)));
        ModelFile.save(file, graph);
        assertEquals(List.of("dense", "head"), List.copyOf(ModelFile.load(file).model().children().keySet()));
    }

    @Test
    void theConfigIsReadableJsonAndTheWeightsEntryIsAPyTorchStateDict() throws IOException {
        Path file = directory.resolve("small.nabla");
        Sequential model = new Sequential(Dense.linear(2, 3), new Relu());
        ModelFile.save(file, model);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(List.of("config.json", "weights.safetensors"),
                    zip.stream().map(ZipEntry::getName).toList());
            String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals("""
                    {
                      "format": "nabla-model",
                      "version": 1,
                      "model": {
                        "type": "Sequential",
                        "layers": [
                          {
                            "type": "Dense",
                            "units": 3,
                            "in_features": 2,
                            "use_bias": true,
                            "activation": "linear"
                          },
                          {
                            "type": "Relu"
                          }
                        ]
                      },
                      "metadata": {
                        "framework": "nabla",
                        "parameters": "9"
                      }
                    }
                    """, config);
            Path weights = directory.resolve("weights.safetensors");
            Files.write(weights, zip.getInputStream(zip.getEntry("weights.safetensors")).readAllBytes());
            SafetensorsFile read = Safetensors.read(weights);
            assertEquals(Map.of("format", "pt"), read.metadata());
            assertEquals(List.of("0.weight", "0.bias"), List.copyOf(read.tensors().keySet()));
        }
    }

    @Test
    void savingTheSameModelTwiceGivesTheSameBytes() throws IOException {
        Sequential model = ModelFixtures.tokenModel();
        ModelFile.save(directory.resolve("one.nabla"), model);
        ModelFile.save(directory.resolve("two.nabla"), model);
        assertArrayEquals(Files.readAllBytes(directory.resolve("one.nabla")),
                Files.readAllBytes(directory.resolve("two.nabla")));
    }

    @Test
    void aModelSavedHerePredictsBitwiseTheSameInANewJvm() throws IOException, InterruptedException {
        Graph model = ModelFixtures.twoInputGraph();
        Path file = directory.resolve("graph.nabla");
        ModelFile.save(file, model);
        List<Tensor> inputs = ModelFixtures.graphInputs();
        Path inputFile = directory.resolve("inputs.safetensors");
        Safetensors.write(inputFile, Map.of("0", inputs.get(0), "1", inputs.get(1)));
        Path outputFile = directory.resolve("outputs.safetensors");

        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), PredictWithModelFile.class.getName(),
                file.toString(), inputFile.toString(), outputFile.toString());
        Path log = directory.resolve("child.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process child = builder.start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        assertTrue(finished, "child JVM did not finish within 60 s");
        assertEquals(0, child.exitValue(), Files.readString(log));

        float[] expected = predict(model, inputs);
        float[] actual = Safetensors.read(outputFile).tensors().get("output").toFloatArray();
        assertTrue(Arrays.equals(expected, actual), Arrays.toString(expected) + "\n" + Arrays.toString(actual));
    }

    private static Sequential regression() {
        Layer.manualSeed(21);
        return new Sequential(Dense.linear(3, 8), new Relu(), Dense.linear(8, 1));
    }

    private static void train(Layer model, Adam optimizer, int steps, long seed) {
        Generator data = new Generator(seed);
        for (int i = 0; i < steps; i++) {
            Tensor x = Tensor.uniform(data, -1f, 1f, 16, 3);
            Tensor y = x.sum(1, true);
            optimizer.zeroGrad();
            Tensor error = model.forward(x).sub(y);
            error.mul(error).mean().backward();
            optimizer.step();
        }
    }

    @Test
    void theOptimizerStateLetsTrainingContinueExactlyAsWithoutTheSave() throws IOException {
        Sequential model = regression();
        Adam optimizer = new Adam(model.trainableParameters(), 0.01f);
        train(model, optimizer, 5, 1);
        Path file = directory.resolve("checkpoint.nabla");
        ModelFile.save(file, model, optimizer, Map.of("epoch", "5", "best_loss", "0.25"));
        train(model, optimizer, 5, 2);

        ModelFile.LoadedModel loaded = ModelFile.load(file);
        assertEquals(Map.of("epoch", "5", "best_loss", "0.25"), loaded.trainingState());
        assertEquals("Adam", loaded.metadata().get("optimizer"));
        Adam resumed = loaded.restoreOptimizer(new Adam(loaded.model().trainableParameters(), 0.5f));
        assertEquals(0.01f, resumed.learningRate());
        train(loaded.model(), resumed, 5, 2);
        model.stateDict().forEach((key, value) -> assertArrayEquals(value.toFloatArray(),
                loaded.model().stateDict().get(key).toFloatArray(), key));

        var wrongKind = assertThrows(IllegalArgumentException.class,
                () -> loaded.restoreOptimizer(new Sgd(loaded.model().trainableParameters(), 0.1f)));
        assertEquals("the model file holds the state of a Adam optimizer, which cannot be restored into a Sgd",
                wrongKind.getMessage());
        ModelFile.save(file, model);
        var none = assertThrows(IllegalStateException.class,
                () -> ModelFile.load(file).restoreOptimizer(new Adam(model.trainableParameters())));
        assertEquals("the model file holds no optimizer state (it was saved without one)", none.getMessage());
    }

    @Test
    void namedOptimizersAreSavedEachInItsOwnEntryAndRestoredByName() throws IOException {
        Sequential model = regression();
        Adam first = new Adam(model.get(0).trainableParameters(), 0.01f);
        Sgd second = new Sgd(model.get(2).trainableParameters(), 0.1f).momentum(0.9f);
        train(model, first, 3, 1);
        Tensor error = model.forward(Tensor.ones(4, 3)).sum();
        error.backward();
        second.step();
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("encoder", first);
        optimizers.put("head", second);
        Path file = directory.resolve("two.nabla");
        ModelFile.saveCheckpoint(file, model, optimizers, Map.of("epoch", "1"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(List.of("config.json", "weights.safetensors", "optimizers/encoder.safetensors",
                    "optimizers/head.safetensors", "training.json"), zip.stream().map(ZipEntry::getName).toList());
        }
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        assertEquals(List.of("encoder", "head"), List.copyOf(loaded.optimizerStates().keySet()));
        assertEquals("Sgd", loaded.optimizerKind("head"));
        assertEquals(Map.of(), loaded.optimizerState(), "no optimizer under the default name");
        Sgd restored = loaded.restoreOptimizer("head", new Sgd(((Sequential) loaded.model()).get(2)
                .trainableParameters(), 1f));
        assertEquals(second.state().keySet(), restored.state().keySet());
        assertArrayEquals(second.state().get("0.momentum_buffer").toFloatArray(),
                restored.state().get("0.momentum_buffer").toFloatArray());
        assertEquals("the model file holds the state of a Adam optimizer as 'encoder', which cannot be restored"
                + " into a Sgd", assertThrows(IllegalArgumentException.class, () -> loaded.restoreOptimizer("encoder",
                new Sgd(((Sequential) loaded.model()).get(0).trainableParameters(), 1f))).getMessage());
        assertEquals("the model file holds no optimizer named 'decoder'; it holds [encoder, head]",
                assertThrows(IllegalStateException.class, () -> loaded.restoreOptimizer("decoder", restored))
                        .getMessage());
        assertEquals("the model file holds named optimizers [encoder, head]; restore them with"
                + " restoreOptimizer(name, optimizer)", assertThrows(IllegalStateException.class,
                () -> loaded.restoreOptimizer(restored)).getMessage());
        assertEquals("an optimizer's name must be made of letters, digits, '_', '.' and '-', got 'a/b'",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.saveCheckpoint(file, model,
                        Map.of("a/b", first), Map.of())).getMessage());
    }

    @Test
    void oneOptimizerUnderTheDefaultNameIsWrittenAsFilesWithOneOptimizerAlwaysWere() throws IOException {
        Sequential model = regression();
        Adam optimizer = new Adam(model.trainableParameters(), 0.01f);
        train(model, optimizer, 2, 1);
        Path old = directory.resolve("old.nabla");
        Path named = directory.resolve("named.nabla");
        ModelFile.save(old, model, optimizer, Map.of("epoch", "2"));
        ModelFile.saveCheckpoint(named, model, Map.of(ModelFile.DEFAULT_OPTIMIZER, optimizer), Map.of("epoch", "2"));
        assertArrayEquals(Files.readAllBytes(old), Files.readAllBytes(named));
        ModelFile.LoadedModel loaded = ModelFile.load(old);
        assertEquals(List.of(ModelFile.DEFAULT_OPTIMIZER), List.copyOf(loaded.optimizerStates().keySet()));
        assertEquals("Adam", loaded.optimizerKind(ModelFile.DEFAULT_OPTIMIZER));
        assertEquals(optimizer.state().keySet(), loaded.optimizerState().keySet());
    }

    @Test
    void savingRefusesModelsItCannotDescribeAndLeavesThePreviousFile() throws IOException {
        Path file = directory.resolve("model.nabla");
        ModelFile.save(file, new Sequential(Dense.linear(2, 2)));
        byte[] before = Files.readAllBytes(file);
        Layer custom = new Sequential(new Dense(Dense.Config.of(2).inFeatures(2)) { });
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, custom));
        assertTrue(e.getMessage().startsWith("Sequential.0: dev.nabla.io.ModelFileTest$"), e.getMessage());
        var unbuilt = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(file, new Sequential(new Relu(), new Dense(4))));
        assertEquals("Sequential.1 is not built yet, so it has no weights to save; give input sizes to the"
                + " constructors, call build(inputShape), or run one forward pass", unbuilt.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("model.nabla"), fileNames());
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void weightsSavedInBfloat16HalveTheFileAndLoadAsTheRoundedWeights() throws IOException {
        Layer model = ModelFixtures.imageModel();
        Path exact = directory.resolve("exact.nabla");
        Path half = directory.resolve("half.nabla");
        ModelFile.save(exact, model);
        ModelFile.save(half, model, WeightPrecision.BFLOAT16);

        ModelFile.LoadedModel loaded = ModelFile.load(half);
        Map<String, Tensor> state = loaded.model().stateDict();
        model.stateDict().forEach((key, value) -> assertArrayEquals(
                dev.nabla.tensor.Bfloat16.round(value).toFloatArray(), state.get(key).toFloatArray(), key));
        float[] expected = predict(model, List.of(ModelFixtures.imageInput()));
        float[] actual = predict(loaded.model(), List.of(ModelFixtures.imageInput()));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.02 * Math.max(1, Math.abs(expected[i])), "output " + i);
        }
        Layer.manualSeed(4);
        Layer large = new Sequential(Dense.linear(256, 128));
        ModelFile.save(exact, large);
        ModelFile.save(half, large, WeightPrecision.BFLOAT16);
        long weightsExact = entrySize(exact, ModelFile.WEIGHTS);
        long weightsHalf = entrySize(half, ModelFile.WEIGHTS);
        assertTrue(weightsHalf < 0.51 * weightsExact, weightsHalf + " bytes against " + weightsExact);
    }

    private static long entrySize(Path file, String entry) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.getEntry(entry).getSize();
        }
    }
}
