package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientAccumulatorTest {

    @Test
    void fourMicroBatchesOfTwoStepLikeOneBatchOfEight() {
        Sgd big = new Sgd(Trajectory.parameters(), 0.1f).momentum(0.9f);
        Sgd micro = new Sgd(Trajectory.parameters(), 0.1f).momentum(0.9f);
        GradientAccumulator accumulator = new GradientAccumulator(micro, 4);
        for (int step = 0; step < 3; step++) {
            Trajectory.trainStep(big);
            for (int first = 0; first < 8; first += 2) {
                boolean ready = accumulator.backward(Trajectory.loss(micro.parameters(), first, first + 2));
                assertEquals(first == 6, ready);
                if (ready) {
                    accumulator.step();
                }
            }
            assertEquals(0, accumulator.accumulated());
        }
        assertSameValues(big.parameters(), micro.parameters());
        micro.parameters().forEach(p -> assertNull(p.grad(), "gradients are cleared after a step"));
    }

    @Test
    void aPartialGroupAtTheEndIsAveragedOverItsOwnMicroBatches() {
        Sgd six = new Sgd(Trajectory.parameters(), 0.1f);
        six.zeroGrad();
        Trajectory.loss(six.parameters(), 0, 6).backward();
        six.step();

        Sgd micro = new Sgd(Trajectory.parameters(), 0.1f);
        GradientAccumulator accumulator = new GradientAccumulator(micro, 4);
        for (int first = 0; first < 6; first += 2) {
            assertFalse(accumulator.backward(Trajectory.loss(micro.parameters(), first, first + 2)));
        }
        assertEquals(3, accumulator.accumulated());
        accumulator.step();
        assertSameValues(six.parameters(), micro.parameters());
    }

    @Test
    void theHookBeforeTheUpdateSeesTheAveragedGradients() {
        Sgd six = new Sgd(Trajectory.parameters(), 0.1f);
        Trajectory.loss(six.parameters(), 0, 6).backward();
        float[] average = six.parameters().get(0).grad().toFloatArray();

        Sgd micro = new Sgd(Trajectory.parameters(), 0.1f);
        GradientAccumulator accumulator = new GradientAccumulator(micro, 4);
        for (int first = 0; first < 6; first += 2) {
            accumulator.backward(Trajectory.loss(micro.parameters(), first, first + 2));
        }
        float[][] seen = new float[1][];
        accumulator.step(() -> seen[0] = micro.parameters().get(0).grad().toFloatArray());

        assertArrayEquals(average, seen[0], 1e-6f);
    }

    @Test
    void stepWithNothingAccumulatedDoesNothing() {
        Sgd sgd = new Sgd(Trajectory.parameters(), 0.1f);
        float[] before = sgd.parameters().get(0).value().toFloatArray();
        new GradientAccumulator(sgd, 2).step();
        assertArrayEquals(before, sgd.parameters().get(0).value().toFloatArray());
        assertTrue(sgd.state().keySet().stream().noneMatch(k -> k.endsWith(".step")));
    }

    private static void assertSameValues(List<Parameter> expected, List<Parameter> actual) {
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).value().toFloatArray(), actual.get(i).value().toFloatArray(), 1e-6f);
        }
    }
}
