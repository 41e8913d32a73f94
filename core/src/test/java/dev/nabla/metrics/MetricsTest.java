package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void findsEveryMetricByItsKerasName() {
        Map<String, Class<? extends Metric>> expected = Map.ofEntries(
                Map.entry("accuracy", Accuracy.class),
                Map.entry("binary_accuracy", BinaryAccuracy.class),
                Map.entry("categorical_accuracy", CategoricalAccuracy.class),
                Map.entry("sparse_categorical_accuracy", SparseCategoricalAccuracy.class),
                Map.entry("top_k_categorical_accuracy", TopKCategoricalAccuracy.class),
                Map.entry("sparse_top_k_categorical_accuracy", SparseTopKCategoricalAccuracy.class),
                Map.entry("precision", Precision.class),
                Map.entry("recall", Recall.class),
                Map.entry("f1_score", F1Score.class),
                Map.entry("auc", AucRoc.class),
                Map.entry("confusion_matrix", ConfusionMatrix.class),
                Map.entry("classification_report", ClassificationReport.class),
                Map.entry("mae", MeanAbsoluteError.class),
                Map.entry("mse", MeanSquaredError.class),
                Map.entry("rmse", RootMeanSquaredError.class),
                Map.entry("r2", R2Score.class));
        expected.forEach((name, type) -> {
            Metric metric = Metrics.byName(name);
            assertInstanceOf(type, metric, name);
            assertEquals(name, metric.name(), "the metric logs under the name it was found by");
        });
    }

    @Test
    void acceptsAliasesClassNamesAndAnyCase() {
        assertInstanceOf(Accuracy.class, Metrics.byName("acc"));
        assertInstanceOf(MeanSquaredError.class, Metrics.byName("mean_squared_error"));
        assertInstanceOf(R2Score.class, Metrics.byName("R2Score"));
        assertInstanceOf(AucRoc.class, Metrics.byName("AucRoc"));
        assertInstanceOf(F1Score.class, Metrics.byName("F1"));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.byName("Root_Mean_Squared_Error"));
    }

    @Test
    void givesANewMetricEachTime() {
        assertNotSame(Metrics.byName("auc"), Metrics.byName("auc"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.byName("accuracyy"));
        assertTrue(e.getMessage().startsWith("unknown metric 'accuracyy'; known names: accuracy, acc, binary_accuracy,"),
                e.getMessage());
        assertTrue(Metrics.names().contains("r2"));
        assertThrows(IllegalArgumentException.class, () -> Metrics.byName(null));
    }

    @Test
    void classificationMetricsTakeAnAverageByName() {
        assertEquals(Average.MACRO, ((F1Score) Metrics.byName("f1", Average.MACRO)).average());
        assertEquals(Average.WEIGHTED, ((Precision) Metrics.byName("precision", Average.WEIGHTED)).average());
        assertEquals(Average.MICRO, ((Recall) Metrics.byName("recall", Average.MICRO)).average());
        assertEquals(Average.WEIGHTED, ((AucRoc) Metrics.byName("auc", Average.WEIGHTED)).average());
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.byName("accuracy", Average.MACRO));
        assertEquals("the metric 'accuracy' takes no average; precision, recall, f1_score and auc do", e.getMessage());
    }
}
