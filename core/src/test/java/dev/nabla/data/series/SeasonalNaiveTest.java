package dev.nabla.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

    private static final float[] SERIES = {1, 5, 9, 2, 6, 10, 4, 8, 11};

    @Test
    void eachStepIsForecastAsTheSameStepOneSeasonEarlier() {
        SeasonalNaive baseline = new SeasonalNaive(3, 1);

        assertArrayEquals(new float[] {2, 6, 10}, baseline.forecast(SERIES, new int[] {6, 7, 8}));
        // |4-2| + |8-6| + |11-10| = 5 over 3 steps
        assertEquals(5 / 3.0, baseline.meanAbsoluteError(SERIES, new int[] {6, 7, 8}), 1e-12);
    }

    @Test
    void aHorizonBeyondOneSeasonLooksBackWholeSeasons() {
        assertEquals(6, new SeasonalNaive(3, 4).lag());
        assertEquals(3, new SeasonalNaive(3, 3).lag());
        assertEquals(2, new SeasonalNaive(1, 2).lag());
        assertArrayEquals(new float[] {1, 5}, new SeasonalNaive(3, 4).forecast(SERIES, new int[] {6, 7}));
    }

    @Test
    void aStepWithoutAPastSeasonIsRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new SeasonalNaive(12, 1).forecast(SERIES, new int[] {5}));

        assertEquals("SeasonalNaive: step 5 cannot be forecast from 12 step(s) before it in a series of 9 steps",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(0, 1));
    }
}
