package dev.nabla.metrics;

import static dev.nabla.metrics.MetricFixtures.assertClose;
import static dev.nabla.metrics.MetricFixtures.result;
import static dev.nabla.metrics.MetricFixtures.tensor;
import static dev.nabla.metrics.MetricFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AucRocTest {

    private final Tensor scores = tensor("binary/scores");
    private final Tensor labels = tensor("binary/labels");

    @Test
    void countsTiedPairsAsHalfRight() {
        var auc = new AucRoc();
        auc.update(Tensor.of(0.9f, 0.5f, 0.5f, 0.1f), Tensor.of(1f, 1f, 0f, 0f));
        // pairs (positive, negative): (0.9, 0.5) (0.9, 0.1) (0.5, 0.1) right, (0.5, 0.5) tied
        assertEquals(3.5 / 4, auc.result());
        assertEquals("auc", auc.name());
    }

    @Test
    void matchesScikitLearnOnBinaryScoresWithManyTies() {
        assertClose("binary", value("binary/auc"), result(new AucRoc(), scores, labels, null));
        assertClose("binary weighted", value("binary/auc_weighted_samples"),
                result(new AucRoc(), scores, labels, tensor("binary/weights")));
        assertClose("logits", value("binary/auc_logits"), result(new AucRoc(), tensor("binary/logits"), labels, null));
        assertClose("[N, 1]", value("binary/auc"), result(new AucRoc(), scores.reshape(-1, 1), labels, null));
    }

    @Test
    void matchesScikitLearnOneVsRestMacroOnMultiClassProbabilities() {
        Tensor probabilities = tensor("multiclass/scores");
        Tensor classes = tensor("multiclass/labels");
        assertClose("ovr", value("multiclass/auc_ovr_macro"), result(new AucRoc(), probabilities, classes, null));
        assertClose("ovr weighted", value("multiclass/auc_ovr_macro_weighted_samples"),
                result(new AucRoc(), probabilities, classes, tensor("multiclass/weights")));
        assertClose("one-hot", value("multiclass/auc_ovr_macro"),
                result(new AucRoc(), probabilities, classes.oneHot(4), null));
    }

    @Test
    void averagesColumnsAsAsked() {
        Tensor probabilities = Tensor.of(new float[] {0.8f, 0.1f, 0.1f, 0.2f, 0.5f, 0.3f, 0.3f, 0.3f, 0.4f,
            0.6f, 0.3f, 0.1f}, 4, 3);
        Tensor classes = Tensor.of(0f, 1f, 2f, 1f);
        // columns: 1, 3.5/4 (one tie), 1; the middle one has two positives
        assertEquals((1 + 0.875 + 1) / 3, result(new AucRoc(), probabilities, classes, null), 1e-12);
        assertEquals((1 + 2 * 0.875 + 1) / 4, result(new AucRoc(Average.WEIGHTED), probabilities, classes, null),
                1e-12);
        // pooled: 4 positives against 8 negatives, 27.5 of the 32 pairs right
        assertEquals(27.5 / 32, result(new AucRoc(Average.MICRO), probabilities, classes, null), 1e-12);
        var binary = assertThrows(IllegalArgumentException.class,
                () -> new AucRoc(Average.BINARY).update(probabilities, classes));
        assertEquals("AucRoc: the BINARY average takes one column of scores, got predictions [4, 3]; use MACRO,"
                + " WEIGHTED or MICRO for several classes", binary.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AucRoc(Average.NONE));
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        MetricFixtures.assertStreamsExactly(AucRoc::new, scores, labels, tensor("binary/weights"));
        MetricFixtures.assertStreamsExactly(AucRoc::new, tensor("multiclass/scores"), tensor("multiclass/labels"),
                tensor("multiclass/weights"));
    }

    @Test
    void weightsGivenForSomeBatchesOnlyCountOneForTheOthers() {
        var mixed = new AucRoc();
        mixed.update(scores.slice(0, 0, 40), labels.slice(0, 0, 40));
        mixed.update(scores.slice(0, 40, 103), labels.slice(0, 40, 103), Tensor.ones(63));
        assertEquals(result(new AucRoc(), scores, labels, null), mixed.result());
    }

    @Test
    void perClassHasTheAucOfEachClassAgainstTheRest() {
        var auc = new AucRoc();
        auc.update(tensor("multiclass/scores"), tensor("multiclass/labels"));
        double[] perClass = auc.perClass();
        assertEquals(4, perClass.length);
        assertEquals((perClass[0] + perClass[1] + perClass[2] + perClass[3]) / 4, auc.result(), 1e-15);
    }

    @Test
    void isNaNWhenOnlyOneClassWasSeen() {
        var auc = new AucRoc();
        assertTrue(Double.isNaN(auc.result()));
        auc.update(Tensor.of(0.2f, 0.7f), Tensor.of(1f, 1f));
        assertTrue(Double.isNaN(auc.result()));
        auc.update(Tensor.of(0.1f), Tensor.of(0f));
        assertEquals(1.0, auc.result());
        auc.reset();
        assertTrue(Double.isNaN(auc.result()));
    }

    @Test
    void negativeZeroTiesWithZero() {
        var auc = new AucRoc();
        auc.update(Tensor.of(-0f, 0f), Tensor.of(1f, 0f));
        assertEquals(0.5, auc.result());
    }

    @Test
    void errorsNameTheMetricAndTheProblem() {
        var auc = new AucRoc();
        auc.update(Tensor.zeros(2, 3), Tensor.of(0f, 2f));
        var columns = assertThrows(IllegalArgumentException.class, () -> auc.update(Tensor.zeros(2, 4), Tensor.of(0f, 1f)));
        assertEquals("AucRoc: predictions [2, 4] have 4 columns, earlier batches had 3", columns.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> auc.update(Tensor.zeros(1, 3), Tensor.of(3f)));
        assertEquals("AucRoc: label 3.0 at flat position 0 is not a class index in [0, 3)", label.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> new AucRoc().update(Tensor.of(Float.NaN), Tensor.of(1f)));
        assertEquals("AucRoc: predictions [1] hold NaN at flat position 0", nan.getMessage());
        var binary = assertThrows(IllegalArgumentException.class,
                () -> new AucRoc().update(Tensor.of(0.5f), Tensor.of(2f)));
        assertEquals("AucRoc: target 2.0 at flat position 0 is not 0 or 1", binary.getMessage());
    }
}
