package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    @Test
    void monotoneArraysCorrelateFullyWhateverTheirScale() {
        float[] a = {0.1f, 0.4f, 0.2f, 0.9f};
        assertEquals(1.0, RankCorrelation.spearman(a, new float[] {1, 16, 4, 81}), 1e-12);
        assertEquals(-1.0, RankCorrelation.spearman(a, new float[] {-1, -16, -4, -81}), 1e-12);
    }

    @Test
    void tiesTakeTheirAverageRankAsScipyDoes() {
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic
        assertEquals(0.9486832980505138, RankCorrelation.spearman(new float[] {1, 2, 2, 3}, new float[] {1, 3, 2, 4}),
                1e-12);
    }

    @Test
    void aConstantArrayGivesZeroAndUnequalLengthsAreRefused() {
        assertEquals(0.0, RankCorrelation.spearman(new float[] {2, 2, 2}, new float[] {1, 2, 3}));
        var error = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.spearman(new float[3], new float[4]));
        assertTrue(error.getMessage().contains("3 and 4"), error.getMessage());
    }
}
