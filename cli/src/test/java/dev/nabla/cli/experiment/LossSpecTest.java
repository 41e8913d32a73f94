package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossSpecTest {

    /** Digits through a model that ends in raw scores: logits. */
    private static final String LOGITS_MODEL = """
            data: {name: digits}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 32, activation: relu}
                - {type: dense, units: 10}
            training:
              optimizer: {name: adam, learning_rate: 0.01}
              metrics: [accuracy]
              epochs: 3
            """;

    @TempDir
    Path directory;

    private static TrainingSpec training(String loss) {
        String text = LOGITS_MODEL + "  loss: " + loss + "\n";
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), Path.of("runs"), Experiment.Overrides.NONE)
                .training();
    }

    private Map<String, Double> run(String loss) throws IOException {
        Experiment experiment = Experiment.parse(YamlFile.parse(LOGITS_MODEL + "  loss: " + loss + "\n", "x.yaml"),
                directory, Experiment.Overrides.NONE);
        return ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));
    }

    @Test
    void optionsAreSetByTheirKerasNames() {
        TrainingSpec spec = training("{name: sparse_categorical_crossentropy, from_logits: true, label_smoothing: 0.1,"
                + " class_weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]}");
        var loss = (SparseCategoricalCrossEntropy) spec.createLoss();
        assertTrue(loss.fromLogits());
        assertEquals(0.1f, loss.labelSmoothing());
        assertEquals(2f, loss.classWeights().get(9));
        Map<?, ?> resolved = (Map<?, ?>) spec.resolved().get("loss");
        assertEquals(List.of("name", "from_logits", "label_smoothing", "class_weights"), List.copyOf(resolved.keySet()));
        assertEquals("mse", training("mse").resolved().get("loss"), "a loss without options stays a name");
    }

    @Test
    void anUnknownOptionIsReportedAtItsLineWithASuggestion() {
        var e = assertThrows(ConfigException.class,
                () -> training("{name: sparse_categorical_crossentropy, from_logit: true}"));
        assertTrue(e.getMessage().startsWith("x.yaml:11: training.loss.from_logit: unknown key 'from_logit'; known:"
                + " name, from_logits, label_smoothing, class_weights, ignore_index, reduction"), e.getMessage());
        assertTrue(e.getMessage().endsWith("did you mean 'from_logits'?"), e.getMessage());
    }

    @Test
    void aMisspeltLossIsAnsweredWithTheClosestName() {
        var e = assertThrows(ConfigException.class, () -> training("sparse_categorical_crossentropi"));
        assertTrue(e.getMessage().endsWith("did you mean 'sparse_categorical_crossentropy'?"), e.getMessage());
    }

    @Test
    void aBadValueIsReportedAtItsLine() {
        var e = assertThrows(ConfigException.class,
                () -> training("{name: categorical_crossentropy, label_smoothing: lots}"));
        assertEquals("x.yaml:11: training.loss.label_smoothing: CategoricalCrossEntropy option 'label_smoothing':"
                + " expected a number, got 'lots'", e.getMessage());
    }

    @Test
    void logitsUnderTheDefaultLossStopAtTheFirstBatchNamingFromLogitsAndLeaveAPreviousRunAlone() throws IOException {
        run("{name: sparse_categorical_crossentropy, from_logits: true}");
        Map<String, byte[]> before = new java.util.TreeMap<>();
        for (String file : ExperimentRun.FILES) {
            before.put(file, java.nio.file.Files.readAllBytes(directory.resolve(file)));
        }

        var e = assertThrows(IllegalArgumentException.class, () -> run("sparse_categorical_crossentropy"));

        assertTrue(e.getMessage().startsWith("x.yaml: training.loss: sparse_categorical_crossentropy: takes"
                + " probabilities (values in [0, 1] whose rows sum to 1), but the model's outputs range from "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; write loss: {name: sparse_categorical_crossentropy, from_logits: true},"
                + " or end the model with activation: softmax"), e.getMessage());
        for (String file : ExperimentRun.FILES) {
            assertTrue(java.util.Arrays.equals(before.get(file), java.nio.file.Files.readAllBytes(directory.resolve(file))),
                    file + " of the previous run changed");
        }
    }

    @Test
    void withFromLogitsTheSameModelTrainsAndItsFilesKeepTheOptions() throws IOException {
        Map<String, Double> test = run("{name: sparse_categorical_crossentropy, from_logits: true}");
        assertTrue(test.get("accuracy") > 0.85, test.toString());
        ModelInfo info = ModelInfo.of(ModelFile.load(directory.resolve("best.nabla")));
        assertEquals(Map.of("from_logits", true), info.loss().options());
        assertTrue(((SparseCategoricalCrossEntropy) info.loss().create()).fromLogits());
    }
}
