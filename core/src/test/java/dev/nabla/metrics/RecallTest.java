package dev.nabla.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void isTheFractionOfActualPositivesFound() {
        var recall = new Recall();
        recall.update(Tensor.of(0.9f, 0.8f, 0.6f, 0.2f, 0.5f), Tensor.of(1f, 1f, 0f, 1f, 1f));
        assertEquals(0.5, recall.result());
        assertEquals("recall", recall.name());
    }

    @Test
    void matchesScikitLearnForEveryAverage() {
        MetricFixtures.assertMatchesScikitLearn(Recall::new, "recall");
    }

    @Test
    void streamingGivesExactlyTheResultOnAllData() {
        for (MetricFixtures.Classification set : MetricFixtures.classificationSets()) {
            MetricFixtures.assertStreamsExactly(() -> new Recall(Average.WEIGHTED), set.predictions(), set.labels(),
                    set.weights());
        }
    }

    @Test
    void aClassAbsentFromTheTargetsHasRecallZeroAndIsLeftOutOfTheMacroAverage() {
        var perClass = new Recall(Average.NONE);
        perClass.update(Tensor.of(0f, 3f, 3f), Tensor.of(0f, 0f, 3f));
        assertArrayEquals(new double[] {0.5, 0, 0, 1}, perClass.perClass());
        var macro = new Recall().average(Average.MACRO);
        macro.update(Tensor.of(0f, 3f, 3f), Tensor.of(0f, 0f, 3f));
        assertEquals(0.75, macro.result()); // classes 1 and 2 appear nowhere
    }

    @Test
    void binaryTargetsMustBeZeroOrOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Recall().update(Tensor.of(0.7f, 0.2f), Tensor.of(1f, 2f)));
        assertEquals("Recall: target 2.0 at flat position 1 is not 0 or 1", e.getMessage());
    }
}
