package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.metrics.Average;
import dev.nabla.metrics.F1Score;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSpecTest {

    private static final String EXPERIMENT = """
            data: digits
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training:
              loss: sparse_categorical_crossentropy
              metrics: METRICS
            """;

    private static TrainingSpec training(String metrics) {
        return Experiment.parse(YamlFile.parse(EXPERIMENT.replace("METRICS", metrics), "x.yaml"), Path.of("runs"),
                Experiment.Overrides.NONE).training();
    }

    @Test
    void aFileGivesAnAverageByNameAndTheResolvedFileKeepsIt() {
        TrainingSpec training = training("[accuracy, {name: f1, average: macro}, precision:weighted, auc]");

        assertEquals(List.of("accuracy", "f1_score:macro", "precision:weighted", "auc"), training.metrics());
        assertEquals(List.of("accuracy", Map.of("name", "f1_score", "average", "macro"),
                Map.of("name", "precision", "average", "weighted"), "auc"), training.resolved().get("metrics"));
        assertEquals(List.of("accuracy", "f1_score_macro", "precision_weighted", "auc"),
                List.of(training.createMetrics()).stream().map(m -> m.name()).toList());
    }

    @Test
    void theCommandLineFormMakesTheSameMetric() {
        MetricSpec spec = MetricSpec.of("f1:macro");
        var metric = spec.create();
        var direct = new F1Score(Average.MACRO);
        Tensor scores = Tensor.of(new float[] {0.9f, 0.1f, 0f, 0.2f, 0.7f, 0.1f, 0.6f, 0.3f, 0.1f, 0.1f, 0.1f, 0.8f},
                4, 3);
        Tensor labels = Tensor.of(0f, 1f, 1f, 2f);
        metric.update(scores, labels);
        direct.update(scores, labels);

        assertEquals(new MetricSpec("f1_score", Average.MACRO), spec);
        assertEquals("f1_score_macro", metric.name());
        assertEquals(direct.result(), metric.result());
        assertEquals("f1_score:macro", spec.text());
    }

    @Test
    void aWrongAverageOrAMetricWithoutAveragesIsReportedAtItsLine() {
        ConfigException typo = assertThrows(ConfigException.class,
                () -> training("\n    - {name: f1, average: macr}"));
        ConfigException accuracy = assertThrows(ConfigException.class,
                () -> training("\n    - {name: accuracy, average: macro}"));
        ConfigException none = assertThrows(ConfigException.class, () -> training("[recall:none]"));
        ConfigException typoInName = assertThrows(ConfigException.class, () -> training("[precison]"));

        assertEquals("x.yaml:9: training.metrics[0].average: average must be one of binary, macro, micro, weighted,"
                + " got 'macr'", typo.getMessage());
        assertEquals("x.yaml:9: training.metrics[0].average: the metric 'accuracy' takes no average; precision,"
                + " recall, f1_score and auc do", accuracy.getMessage());
        assertEquals("x.yaml:8: training.metrics[0]: average must be one of binary, macro, micro, weighted, got"
                + " 'none'", none.getMessage());
        assertTrue(typoInName.getMessage().startsWith("x.yaml:8: training.metrics[0]: unknown metric 'precison';"),
                typoInName.getMessage());
        assertTrue(typoInName.getMessage().endsWith("; did you mean 'precision'?"), typoInName.getMessage());
    }
}
