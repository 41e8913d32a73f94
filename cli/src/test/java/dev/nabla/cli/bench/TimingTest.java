package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Timing.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
    }

    @Test
    void warmupCallsComeBeforeTheTimedOnes() {
        AtomicInteger count = new AtomicInteger();

        Timing.medianSeconds(count::incrementAndGet, 3, 5);

        assertEquals(8, count.get());
    }

    @Test
    void aMinimumDurationRunsAtLeastTheMinimumCallsTwice() {
        AtomicInteger count = new AtomicInteger();

        Timing.medianSecondsFor(count::incrementAndGet, 4, 0);

        assertEquals(8, count.get());
    }
}
