package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.nn.Graph;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Sgd;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final String MLP = """
            data: {name: digits, validation_split: 0.1}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 32, activation: relu}
                - {type: dense, units: 10, activation: softmax}
            training:
              optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
              epochs: 3
              callbacks:
                - {type: early_stopping, patience: 2}
            """;

    private static Experiment parse(String text) {
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), Path.of("runs", "x"), Experiment.Overrides.NONE);
    }

    private static ConfigException failure(String text) {
        return assertThrows(ConfigException.class, () -> {
            Experiment experiment = parse(text);
            experiment.model().build(experiment.sampleShape());
        });
    }

    @Test
    void readsTheSectionsAndFillsInTheDefaults() {
        Experiment experiment = parse(MLP);

        assertEquals(BuiltInData.DIGITS, experiment.data().builtIn());
        assertEquals(0.1f, experiment.data().validationSplit());
        assertArrayEquals(new int[] {1, 8, 8}, experiment.sampleShape());
        assertEquals(3, experiment.training().epochs());
        assertEquals(32, experiment.training().batchSize());
        assertEquals(List.of("accuracy"), experiment.training().metrics());
        assertEquals(Path.of("runs", "x"), experiment.output());
    }

    @Test
    void buildsTheLayersWithTheActivationsAfterThem() {
        Experiment experiment = parse(MLP);

        Layer model = experiment.model().build(experiment.sampleShape());

        Sequential sequential = assertInstanceOf(Sequential.class, model);
        assertEquals(List.of("Flatten", "Dense", "Relu", "Dense", "Softmax"),
                sequential.layers().stream().map(l -> l.getClass().getSimpleName()).toList());
        assertEquals(64 * 32 + 32 + 32 * 10 + 10, model.parameterCount());
    }

    @Test
    void theOptimizerGetsItsSettings() {
        Experiment experiment = parse(MLP);

        Sgd sgd = assertInstanceOf(Sgd.class,
                experiment.training().optimizer().factory(null).apply(List.of(new Parameter(Tensor.zeros(2)))));

        assertEquals(0.1f, sgd.learningRate());
        assertEquals(0.9f, sgd.momentum());
    }

    @Test
    void pyTorchsLrIsTheLearningRateButNotBesideIt() {
        Experiment experiment = parse(MLP.replace("learning_rate: 0.1", "lr: 0.05"));
        Sgd sgd = assertInstanceOf(Sgd.class,
                experiment.training().optimizer().factory(null).apply(List.of(new Parameter(Tensor.zeros(2)))));
        assertEquals(0.05f, sgd.learningRate());
        Map<?, ?> optimizer = (Map<?, ?>) experiment.training().resolved().get("optimizer");
        assertEquals(0.05, ((Number) optimizer.get("learning_rate")).doubleValue(), 1e-9);

        ConfigException both = assertThrows(ConfigException.class,
                () -> parse(MLP.replace("learning_rate: 0.1", "learning_rate: 0.1, lr: 0.05")));
        assertTrue(both.getMessage().endsWith("lr is PyTorch's name for learning_rate; give one of them"),
                both.getMessage());
    }

    @Test
    void theResolvedConfigurationHasEveryDefault() {
        Map<String, Object> resolved = parse(MLP).resolved(new int[] {1, 8, 8});

        assertEquals(Map.of("name", "digits", "validation_split", 0.1), resolved.get("data"));
        Map<?, ?> training = (Map<?, ?>) resolved.get("training");
        assertEquals(Map.of("name", "sgd", "learning_rate", 0.1, "weight_decay", 0.0, "momentum", 0.9,
                "dampening", 0.0, "nesterov", false), training.get("optimizer"));
        assertEquals(List.of(Map.of("type", "early_stopping", "monitor", "val_loss", "patience", 2, "min_delta", 0.0,
                "mode", "min", "restore_best_weights", false)), training.get("callbacks"));
        assertEquals(List.of(1, 8, 8), ((Map<?, ?>) resolved.get("model")).get("input_shape"));
        assertEquals("runs/x", resolved.get("output"));
    }

    @Test
    void theResolvedConfigurationReadsBackAsTheSameExperiment() {
        Experiment experiment = parse(MLP);
        String resolved = ExperimentRun.yaml(experiment.resolved(experiment.sampleShape()));

        Experiment again = parse(resolved);

        assertEquals(resolved, ExperimentRun.yaml(again.resolved(again.sampleShape())));
    }

    @Test
    void theCommandLineOverridesTheFile() {
        Experiment experiment = Experiment.parse(YamlFile.parse(MLP, "x.yaml"), Path.of("runs", "x"),
                new Experiment.Overrides(7, Path.of("elsewhere"), 100));

        assertEquals(7, experiment.training().epochs());
        assertEquals(Path.of("elsewhere"), experiment.output());
        assertEquals(100, experiment.data().limit());
    }

    @Test
    void anUnknownLayerIsReportedAtItsTypeWithTheKnownOnes() {
        ConfigException e = failure(MLP.replace("{type: dense, units: 10", "{type: Conv3x, units: 10"));

        assertEquals(6, e.line());
        assertEquals("model.sequential[2].type", e.path());
        assertTrue(e.getMessage().startsWith("x.yaml:6: model.sequential[2].type: unknown layer type 'Conv3x'; known types: "),
                e.getMessage());
    }

    @Test
    void anUnknownLayerArgumentIsReportedAtTheArgument() {
        ConfigException e = failure(MLP.replace("units: 32", "unit: 32"));

        assertEquals("model.sequential[1].unit", e.path());
        assertEquals(5, e.line());
    }

    @Test
    void aMistypedLayerArgumentIsReportedAtTheArgument() {
        ConfigException e = failure(MLP.replace("units: 32", "units: many"));

        assertEquals("model.sequential[1].units", e.path());
    }

    @Test
    void anUnknownActivationIsReportedAtIt() {
        ConfigException e = failure(MLP.replace("activation: relu", "activation: relu7"));

        assertEquals("model.sequential[1].activation", e.path());
    }

    @Test
    void aMistypedValueNamesWhatWasExpected() {
        ConfigException e = failure(MLP.replace("epochs: 3", "epochs: ten"));

        assertEquals("x.yaml:11: training.epochs: expected an integer, got 'ten'", e.getMessage());
    }

    @Test
    void unknownKeysAreRefusedAnywhere() {
        assertEquals("trainig", failure(MLP.replace("training:", "trainig:")).path());
        assertEquals("data.validation", failure(MLP.replace("validation_split", "validation")).path());
        assertEquals("training.optimizer.momentun", failure(MLP.replace("momentum", "momentun")).path());
        assertEquals("training.callbacks[0].patiance", failure(MLP.replace("patience", "patiance")).path());
        assertTrue(failure(MLP.replace("momentum", "momentun")).getMessage().endsWith("did you mean 'momentum'?"));
    }

    @Test
    void missingRequiredKeysAreNamed() {
        ConfigException noLoss = failure(MLP.replace("  loss: sparse_categorical_crossentropy\n", ""));
        ConfigException noModel = failure(MLP.substring(0, MLP.indexOf("model:")) + MLP.substring(MLP.indexOf("training:")));

        assertEquals("x.yaml:7: training: missing required key 'loss'", noLoss.getMessage());
        assertEquals("x.yaml:1: missing required key 'model'", noModel.getMessage());
    }

    @Test
    void unknownNamesOfOptimizersLossesMetricsDataAndCallbacksAreNamed() {
        assertEquals("training.optimizer.name", failure(MLP.replace("name: sgd", "name: adamax")).path());
        assertEquals("training.loss", failure(MLP.replace("sparse_categorical_crossentropy", "cross")).path());
        assertEquals("training.metrics[0]", failure(MLP.replace("[accuracy]", "[acuracy]")).path());
        assertEquals("data.name", failure(MLP.replace("name: digits", "name: cifar")).path());
        assertEquals("training.callbacks[0].type", failure(MLP.replace("early_stopping", "stop_early")).path());
    }

    @Test
    void badOptimizerAndCallbackValuesAreReportedWhenTheFileIsRead() {
        ConfigException beta = failure(MLP.replace("{name: sgd, learning_rate: 0.1, momentum: 0.9}",
                "{name: adam, beta1: 1.5}"));
        ConfigException mode = failure(MLP.replace("patience: 2", "patience: 2, mode: down"));

        assertEquals("training.optimizer.beta1", beta.path());
        assertTrue(beta.getMessage().contains("beta1"), beta.getMessage());
        assertEquals("training.callbacks[0].mode", mode.path());
    }

    private static final String RESIDUAL = """
            data: digits
            model:
              graph:
                inputs: [image]
                layers:
                  - {type: flatten}
                  - {name: hidden, type: dense, units: 16, activation: relu}
                  - {type: dense, units: 16, activation: relu}
                  - {name: sum, type: add, inputs: [hidden, LAST]}
                  - {type: dense, units: 10, activation: softmax}
            training: {loss: sparse_categorical_crossentropy}
            """;

    @Test
    void aGraphLayerTakesThePreviousOutputUnlessItNamesItsInputs() {
        Experiment experiment = parse(RESIDUAL.replace("{type: dense, units: 16, activation: relu}",
                "{name: second, type: dense, units: 16, activation: relu}").replace("LAST", "second"));

        Graph graph = assertInstanceOf(Graph.class, experiment.model().build(new int[] {1, 8, 8}));

        assertEquals(10, graph.forward(Tensor.zeros(3, 1, 8, 8)).dim(1));
        assertEquals(64 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10, graph.parameterCount());
        assertInstanceOf(Adam.class, experiment.training().optimizer().factory(null)
                .apply(List.of(new Parameter(Tensor.zeros(1)))));
    }

    @Test
    void aGraphRefersOnlyToInputsAndLayersAboveAndNamesThemOnce() {
        ConfigException unknown = failure(RESIDUAL.replace("LAST", "hiden"));
        ConfigException later = failure(RESIDUAL.replace("[hidden, LAST]", "[hidden, sum]"));
        ConfigException twice = failure(RESIDUAL.replace("name: sum", "name: hidden").replace("LAST", "image"));

        assertEquals("model.graph.layers[3].inputs[1]", unknown.path());
        assertTrue(unknown.getMessage().endsWith("no input or layer is named 'hiden'; named so far: image, hidden"),
                unknown.getMessage());
        assertTrue(later.getMessage().endsWith("'sum' is defined further down; a layer can only take inputs from"
                + " above it"), later.getMessage());
        assertEquals("x.yaml:9: model.graph.layers[3].name: the name 'hidden' is already used on line 7",
                twice.getMessage());
    }

    @Test
    void aLayerThatDoesNotFitItsInputIsReportedAtItsLine() {
        ConfigException e = failure(RESIDUAL.replace("LAST", "image"));

        assertEquals("model.graph.layers[3]", e.path());
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("the layer 'add' does not fit its input: "), e.getMessage());
    }

    @Test
    void theModelIsEitherSequentialOrAGraph() {
        ConfigException neither = failure(MLP.replace("sequential:", "layers:"));

        assertEquals("model.layers", neither.path());
        assertFalse(neither.getMessage().isEmpty());
    }
}
