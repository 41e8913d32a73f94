package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingBenchTest {

    private final BenchData data = BenchData.random(300, 256, 3);

    @Test
    void timesWholeWindowsOfSteps() {
        TrainingBench bench = new TrainingBench(1, 2, 5);

        assertEquals(2, bench.windows());
        assertEquals(2, bench.stepsPerWindow());
        TrainingBench.Result result = bench.run(Workload.MLP, data.train(), 1);

        assertEquals(4, result.measuredSteps());
        assertTrue(result.samplesPerSecond() > 0, result.toString());
        assertTrue(result.allocatedBytesPerStep() > 0, "a step allocates its activations: " + result);
    }

    @Test
    void fewerStepsThanAWindowMakeOneShorterWindow() {
        TrainingBench bench = new TrainingBench(0, 50, 3);

        assertEquals(1, bench.windows());
        assertEquals(3, bench.stepsPerWindow());
        assertEquals(3, bench.run(Workload.CNN, data.train(), 1).measuredSteps());
    }

    @Test
    void refusesNegativeWarmupAndEmptyWindows() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingBench(-1, 50, 100));
        assertThrows(IllegalArgumentException.class, () -> new TrainingBench(50, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new TrainingBench(50, 50, 0));
    }

    @Test
    void aDataSetSmallerThanABatchIsRefused() {
        BenchData tiny = BenchData.random(100, 10, 1);

        var e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingBench(0, 1, 1).run(Workload.MLP, tiny.train(), 1));
        assertEquals("training needs at least 128 examples, got 100", e.getMessage());
    }
}
