package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class F1ScoreTest {

    @Test
    void isTheHarmonicMeanOfPrecisionAndRecall() {
        var f1 = new F1Score();
        f1.update(Tensor.of(0.9f, 0.8f, 0.6f, 0.2f, 0.5f), Tensor.of(1f, 1f, 0f, 1f, 1f));
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), f1.result(), 1e-15);
        assertEquals("f1_score", f1.name());
    }

    @Test
    void matchesScikitLearnForEveryAverage() {
        MetricFixtures.assertMatchesScikitLearn(F1Score::new, "f1");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            MetricFixtures.assertStreamsExactly(() -> new F1Score(Average.MACRO), set.predictions(), set.labels(),
                    set.weights());
        }
    }

    @Test
    void theMacroAverageIsTheMeanOfPerClassScores() {
        var macro = new F1Score(Average.MACRO);
        Tensor predicted = Tensor.of(0f, 0f, 1f, 1f, 1f);
        Tensor labels = Tensor.of(0f, 1f, 1f, 1f, 0f);
        macro.update(predicted, labels);
        var perClass = new F1Score(Average.NONE);
        perClass.update(predicted, labels);
        double[] scores = perClass.perClass();
        assertEquals((scores[0] + scores[1]) / 2, macro.result(), 1e-15);
    }

    @Test
    void isZeroWhenNothingIsPredictedPositive() {
        var f1 = new F1Score();
        f1.update(Tensor.of(0.1f, 0.2f), Tensor.of(1f, 0f));
        assertEquals(0.0, f1.result());
    }
}
