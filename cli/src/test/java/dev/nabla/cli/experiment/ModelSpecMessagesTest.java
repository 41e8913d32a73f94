package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in an experiment file are explained in the file's terms: YAML types and keys, not Java. */
class ModelSpecMessagesTest {

    @TempDir
    Path directory;

    private static final String DIGITS = """
            data: {name: digits, limit: 100}
            model:
              sequential:
                - {type: flatten}
                - LAYER
            training: {loss: LOSS, metrics: METRICS, epochs: 1}
            """;

    private Experiment parse(String layer, String loss) {
        return parse(layer, loss, "[]");
    }

    private Experiment parse(String layer, String loss, String metrics) {
        return Experiment.parse(YamlFile.parse(DIGITS.replace("LAYER", layer).replace("LOSS", loss)
                        .replace("METRICS", metrics), "x.yaml"),
                directory.resolve("run"), Experiment.Overrides.NONE);
    }

    @Test
    void aDenseOfTheWrongInputSizeSaysWhatToWriteInTheFile() {
        Experiment experiment = parse("{type: dense, units: 10, in_features: 5}", "mse");

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {1, 8, 8}));

        assertEquals("x.yaml:5: model.sequential[1]: the layer 'dense' does not fit its input: expected input of shape"
                + " [..., 5], got [1, 64]; the input has 64 features: give in_features: 64, or leave in_features out,"
                + " as in {type: dense, units: 10}, to take the size from the data", e.getMessage());
    }

    @Test
    void otherLayersAreNamedByTheirTypeAsWritten() {
        Experiment experiment = parse("{type: BatchNormalization}", "mse");

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {1, 8, 8}));

        assertEquals("x.yaml:5: model.sequential[1]: the layer 'BatchNormalization' does not fit its input: expected"
                + " input of shape [N, C, H, W], got [1, 64]; for features [N, C] or sequences [N, C, L] use"
                + " {type: batch_norm1d}", e.getMessage());
    }

    @Test
    void aMergeGivenOneInputSaysToListItsInputs() {
        Experiment experiment = parse("{type: add}", "mse");

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {1, 8, 8}));

        assertEquals("x.yaml:5: model.sequential[1]: the layer 'add' does not fit its input: takes a list of inputs;"
                + " list the layers it joins in a graph, as in inputs: [a, b]; it was given one input of shape [1, 64]",
                e.getMessage());
    }

    @Test
    void argumentErrorsNameTheTypeAsWritten() {
        Experiment experiment = parse("{type: max_pooling2d, pool_sise: 2}", "mse");

        ConfigException e = assertThrows(ConfigException.class, () -> experiment.model().build(new int[] {1, 8, 8}));

        assertEquals("x.yaml:5: model.sequential[1].pool_sise: max_pooling2d: argument 'pool_sise' is not known;"
                + " known: kernel_size, stride, padding, trainable, name; did you mean 'pool_size'?",
                e.getMessage());
    }

    @Test
    void aLossThatDoesNotFitTheTargetsSaysWhichLayerToAdd() throws IOException {
        Experiment wrong = parse("{type: dense, units: 1}", "mse");
        Experiment fixed = parse("{type: dense, units: 1}\n    - {type: flatten, start_axis: 0}", "mse");

        var e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentRun.run(wrong, new PrintWriter(new StringWriter())));

        assertEquals("x.yaml: training.loss: mse: predictions [32, 1] and targets [32] differ in shape; end the model"
                + " with {type: flatten, start_axis: 0} to give the targets' shape", e.getMessage());
        assertTrue(Double.isFinite(ExperimentRun.run(fixed, new PrintWriter(new StringWriter())).get("loss")));
    }

    @Test
    void aBinaryMetricOnManyClassesSaysToGiveItAnAverage() {
        Experiment experiment = parse("{type: dense, units: 10, activation: softmax}",
                "sparse_categorical_crossentropy", "[f1_score]");

        var e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentRun.run(experiment, new PrintWriter(new StringWriter())));

        assertEquals("x.yaml: training.metrics: with the binary average, predictions [32, 10] and targets [32] should"
                + " have the same shape (probabilities and 0/1 targets); for class scores [N, C] give the metric an"
                + " average, as in {name: f1_score, average: macro}", e.getMessage());
    }
}
