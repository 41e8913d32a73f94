package dev.nabla.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.LayerSpec;
import dev.nabla.io.LayerSpecs;
import dev.nabla.io.LayerType;
import dev.nabla.io.LayerTypeDescription;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Add;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer defined outside Nabla, registered through the public API, saved in model files and loaded back. */
class LayerRegistrationTest {

    static {
        LayerSpecs.register(ScaleShift.TYPE);
    }

    @TempDir
    Path directory;

    private static float[] predict(Layer model, List<Tensor> inputs) {
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            return model.forward(inputs).toFloatArray();
        }
    }

    private Layer roundTrip(Layer model, List<Tensor> inputs) throws IOException {
        Path file = directory.resolve("model.nabla");
        ModelFile.save(file, model);
        Layer loaded = ModelFile.load(file).model();
        assertEquals(model.toString(), loaded.toString());
        assertTrue(Arrays.equals(predict(model, inputs), predict(loaded, inputs)), "outputs differ");
        return loaded;
    }

    /** The layer's parameters moved from their start, so that loading has something to restore. */
    private static <L extends Layer> L trained(L model) {
        Generator random = new Generator(5);
        try (NoGrad ignored = NoGrad.enter()) {
            model.parameters().forEach(p -> p.value().assign(Tensor.uniform(random, -1f, 1f, p.shape().toArray())));
        }
        return model;
    }

    @Test
    void aRegisteredLayerInsideASequentialPredictsBitwiseTheSameAfterLoading() throws IOException {
        Tensor input = Tensor.randn(new Generator(1), 5, 3);
        Sequential model = new Sequential(Dense.linear(3, 4), new ScaleShift(0.5f), new Relu(), Dense.linear(4, 2));
        model.forward(input);                                 // sizes the ScaleShift
        Sequential loaded = (Sequential) roundTrip(trained(model), List.of(input));
        assertInstanceOf(ScaleShift.class, loaded.get(1));
        try (ZipFile zip = new ZipFile(directory.resolve("model.nabla").toFile())) {
            String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(config.contains("\"type\": \"ScaleShift\""), config);
        }
    }

    @Test
    void aRegisteredLayerInsideAGraphPredictsBitwiseTheSameAfterLoading() throws IOException {
        GraphNode x = GraphNode.input("x", 4);
        ScaleShift shared = new ScaleShift(2f).named("affine");
        GraphNode first = shared.apply(new Dense(4).apply(x));
        GraphNode sum = new Add().apply(first, shared.apply(x));
        Graph model = trained(new Graph(x, new Dense(1).apply(sum)));
        Graph loaded = (Graph) roundTrip(model, List.of(Tensor.randn(new Generator(2), 3, 4)));
        assertEquals(List.of("dense", "affine", "add", "dense_1"), List.copyOf(loaded.children().keySet()));
        assertEquals(model.stateDict().keySet(), loaded.stateDict().keySet());
    }

    @Test
    void aRegisteredTypeIsCreatedByAnyOfItsNamesAndDescribedAsItWasMade() {
        Layer layer = LayerSpecs.create("scale_shift", Map.of("features", 3, "gamma", 2));
        assertTrue(layer.isBuilt());
        assertEquals(new LayerSpec("ScaleShift", Map.of("features", 3, "initial_scale", 2f)),
                LayerSpecs.describe(layer));
        assertEquals(List.of("features", "initial_scale|gamma", "trainable"), LayerSpecs.arguments("ScaleShift"));
        LayerTypeDescription description = LayerSpecs.descriptions().stream()
                .filter(d -> d.name().equals("ScaleShift")).findFirst().orElseThrow();
        assertFalse(description.builtIn());
        assertEquals(1f, description.arguments().get(1).defaultValue());
        assertTrue(LayerSpecs.descriptions().stream().filter(LayerTypeDescription::builtIn)
                .noneMatch(d -> d.name().equals("ScaleShift")));
    }

    /** A record without the static factory that says which of its components are required. */
    public record NoFactory(int units) {
    }

    /** A record with a component no argument can hold. */
    public record Unwritable(Object anything) {
        public static Unwritable of() {
            return new Unwritable(null);
        }
    }

    @Test
    void aConfigurationRecordNeedsAnOfFactoryAndComponentsThatArgumentsHold() {
        var noFactory = assertThrows(IllegalArgumentException.class, () -> LayerType.ofRecord(Shadow.class,
                NoFactory.class, config -> new Shadow(), shadow -> new NoFactory(1)));
        assertEquals("dev.nabla.custom.LayerRegistrationTest$NoFactory: a configuration record needs a public static"
                + " method of(...) that takes its required components, the first ones in order, and gives the others"
                + " their defaults", noFactory.getMessage());
        var unwritable = assertThrows(IllegalArgumentException.class, () -> LayerType.ofRecord(Shadow.class,
                Unwritable.class, config -> new Shadow(), shadow -> Unwritable.of()));
        assertTrue(unwritable.getMessage().startsWith("dev.nabla.custom.LayerRegistrationTest$Unwritable: the"
                + " component anything is a java.lang.Object, which no argument holds"), unwritable.getMessage());
    }

    @Test
    void theRegisteredLayerHasCorrectGradients() {
        ScaleShift layer = new ScaleShift(1f);
        layer.build(2, 3);
        trained(layer);
        Tensor x = Tensor.randn(new Generator(3), 2, 3).requiresGrad(true);
        List<Tensor> parameters = layer.parameters().stream().map(p -> p.value()).toList();
        GradCheck.assertGradients(in -> layer.forward(in[0]), x, parameters.get(0), parameters.get(1));
    }

    @Test
    void aClassOrANameIsRegisteredOnceAndTheMessageSaysByWhom() {
        var again = assertThrows(IllegalArgumentException.class, () -> LayerSpecs.register(ScaleShift.TYPE));
        assertEquals("LayerSpecs.register(dev.nabla.custom.ScaleShift): the class is registered already, as the"
                + " layer type 'ScaleShift'; register each class once (in a static initializer, say)",
                        again.getMessage());

        LayerType<Dense> taken = LayerType.of(Dense.class, "", a -> new Dense(1), d -> Map.of());
        var builtIn = assertThrows(IllegalArgumentException.class, () -> LayerSpecs.register(taken));
        assertTrue(builtIn.getMessage().contains("the class is registered already, as the layer type 'Dense'"),
                builtIn.getMessage());

        LayerType<Shadow> linear = LayerType.of(Shadow.class, "", a -> new Shadow(), s -> Map.of()).named("linear");
        var alias = assertThrows(IllegalArgumentException.class, () -> LayerSpecs.register(linear));
        assertEquals("LayerSpecs.register(dev.nabla.custom.LayerRegistrationTest$Shadow): the layer type name"
                + " 'linear' is taken by Dense (dev.nabla.nn.Dense) (names are compared ignoring case and underscores);"
                + " give the type another name with LayerType.named(...)", alias.getMessage());
        var invalid = assertThrows(IllegalArgumentException.class, () -> LayerSpecs.register(linear.named("my block")));
        assertTrue(invalid.getMessage().endsWith("'my block' cannot name a layer type; use letters, digits and"
                + " underscores, starting with a letter"), invalid.getMessage());
        assertFalse(LayerSpecs.types().contains("Shadow"));
    }

    @Test
    void aMalformedArgumentDeclarationIsRefusedWhenTheTypeIsMade() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LayerType.of(Shadow.class, "units int", a -> new Shadow(), s -> Map.of()));
        assertEquals("Shadow: cannot read the argument declaration 'units int'; write 'name: kind' or"
                + " 'name|other_name: kind', the kind one of [int, float, bool, string, ints, padding, list, map]",
                e.getMessage());
    }

    @Test
    void anUnregisteredLayerCannotBeSavedAndTheErrorSaysWhatToDo() {
        Sequential model = new Sequential(Dense.linear(2, 2), new Shadow());
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(directory.resolve("x.nabla"), model));
        assertEquals("Sequential.1: dev.nabla.custom.LayerRegistrationTest$Shadow is not a registered layer type, so"
                + " its architecture cannot be written down; register it (LayerSpecs.register), or save the weights"
                + " only (PyTorchWeights.save or Safetensors.write of stateDict()) and rebuild the model in code",
                e.getMessage());
        assertFalse(Files.exists(directory.resolve("x.nabla")));
    }

    /** A layer nobody registers. */
    static final class Shadow extends Layer {
        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }
}
