package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy decoding and beam search on scores written out by hand and on random ones. */
class DecodingTest {

    private static final int START = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int END = 3;

    /**
     * After the start, A (0.6) beats B (0.4), but A is followed by anything with about a third each
     * while B is almost surely followed by the end: greedy takes A then the end (0.6 × 0.35 = 0.21),
     * the better sequence is B then the end (0.4 × 0.9 = 0.36).
     */
    private static Tensor trap(int[] sources, Tensor prefixes) {
        float[] ids = prefixes.toFloatArray();
        int length = prefixes.dim(1);
        float[] out = new float[sources.length * 4];
        for (int r = 0; r < sources.length; r++) {
            int last = (int) ids[r * length + length - 1];
            float[] p = last == START ? new float[] {0f, 0.6f, 0.4f, 0f}
                    : last == A ? new float[] {0f, 0.33f, 0.32f, 0.35f}
                    : last == B ? new float[] {0f, 0.05f, 0.05f, 0.9f} : new float[] {0f, 0f, 0f, 1f};
            for (int v = 0; v < 4; v++) {
                out[r * 4 + v] = (float) Math.log(p[v]);
            }
        }
        return Tensor.of(out, sources.length, 4);
    }

    @Test
    void beamSearchFindsAMoreProbableSequenceThanGreedy() {
        Decoding.Hypothesis greedy = Decoding.greedy().decode(DecodingTest::trap, 1, START, END, 5).get(0);
        Decoding.Hypothesis beam = Decoding.beam(2).decode(DecodingTest::trap, 1, START, END, 5).get(0);

        assertArrayEquals(new int[] {A, END}, greedy.tokens());
        assertEquals(Math.log(0.6 * 0.35), greedy.logProbability(), 1e-5);
        assertArrayEquals(new int[] {B, END}, beam.tokens());
        assertEquals(Math.log(0.4 * 0.9), beam.logProbability(), 1e-5);
        assertTrue(beam.score() > greedy.score());
        assertArrayEquals(new int[] {B}, beam.withoutEnd(END));
    }

    @Test
    void hypothesesThatEndEarlyDoNotCutShortABetterOneStillGrowing() {
        // A sure path: A, A, A, then the end (0.97 each); every other prefix ends almost at once.
        Decoding.NextTokenScores sure = (sources, prefixes) -> {
            float[] ids = prefixes.toFloatArray();
            int length = prefixes.dim(1);
            float[] out = new float[sources.length * 4];
            for (int r = 0; r < sources.length; r++) {
                boolean onPath = true;
                for (int t = 1; t < length; t++) {
                    onPath &= ids[r * length + t] == A;
                }
                float[] p = !onPath ? new float[] {0.01f, 0.02f, 0.02f, 0.95f}
                        : length < 4 ? new float[] {0.005f, 0.97f, 0.005f, 0.02f}
                        : new float[] {0.005f, 0.02f, 0.005f, 0.97f};
                for (int v = 0; v < 4; v++) {
                    out[r * 4 + v] = (float) Math.log(p[v]);
                }
            }
            return Tensor.of(out, sources.length, 4);
        };
        int[] greedy = Decoding.greedy().decode(sure, 1, START, END, 8).get(0).tokens();
        assertArrayEquals(new int[] {A, A, A, END}, greedy);
        for (int width = 1; width <= 5; width++) {
            assertArrayEquals(greedy, Decoding.beam(width).decode(sure, 1, START, END, 8).get(0).tokens(),
                    "width " + width);
        }
    }

    @Test
    void beamWidthOneIsGreedyOnRandomScores() {
        for (int seed = 0; seed < 20; seed++) {
            Decoding.NextTokenScores random = randomScores(seed, 6);
            List<Decoding.Hypothesis> greedy = Decoding.greedy().decode(random, 4, START, END, 7);
            List<Decoding.Hypothesis> beam = Decoding.beam(1).decode(random, 4, START, END, 7);
            for (int s = 0; s < 4; s++) {
                assertArrayEquals(greedy.get(s).tokens(), beam.get(s).tokens(), "seed " + seed + ", source " + s);
                assertEquals(greedy.get(s).logProbability(), beam.get(s).logProbability(), 0f);
            }
        }
    }

    @Test
    void aBeamWideEnoughToKeepEveryPrefixFindsTheMostProbableSequence() {
        for (int seed = 0; seed < 10; seed++) {
            Decoding.NextTokenScores random = randomScores(seed, 4);
            float best = exhaustiveBest(random, new int[] {START}, 0f, 3);
            Decoding.Hypothesis beam = Decoding.beam(64).lengthPenalty(0f).decode(random, 1, START, END, 3).get(0);
            assertEquals(best, beam.score(), 1e-5f, "seed " + seed);
        }
    }

    /** The highest summed log-probability of any sequence after {@code prefix}, by trying them all. */
    private static float exhaustiveBest(Decoding.NextTokenScores scores, int[] prefix, float sum, int stepsLeft) {
        float[] ids = new float[prefix.length];
        for (int t = 0; t < prefix.length; t++) {
            ids[t] = prefix[t];
        }
        float[] logP = scores.logProbabilities(new int[] {0}, Tensor.of(ids, 1, prefix.length)).toFloatArray();
        float best = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < logP.length; v++) {
            float total = sum + logP[v];
            if (v != END && stepsLeft > 1) {
                int[] longer = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                longer[prefix.length] = v;
                total = exhaustiveBest(scores, longer, total, stepsLeft - 1);
            }
            best = Math.max(best, total);
        }
        return best;
    }

    @Test
    void decodingStopsAtTheMaximumLengthWithoutAnEndToken() {
        Decoding.NextTokenScores neverEnds = (sources, prefixes) -> Tensor.of(new float[] {-9f, -0.1f, -3f, -9f})
                .unsqueeze(0).expand(sources.length, 4);
        for (Decoding decoding : List.of(Decoding.greedy(), Decoding.beam(3))) {
            Decoding.Hypothesis h = decoding.decode(neverEnds, 2, START, END, 4).get(1);
            assertArrayEquals(new int[] {A, A, A, A}, h.tokens(), decoding.toString());
            assertEquals(-0.4f / 4, h.score(), 1e-6f);
        }
    }

    @Test
    void theLengthPenaltyDecidesBetweenShortAndLongHypotheses() {
        // The end now (log 0.4), or A then the end (log 0.6 + log 0.5 = log 0.3): per token the longer is better.
        Decoding.NextTokenScores scores = (sources, prefixes) -> {
            boolean first = prefixes.dim(1) == 1;
            float[] p = first ? new float[] {0f, 0.6f, 0f, 0.4f} : new float[] {0f, 0.25f, 0.25f, 0.5f};
            float[] logP = new float[4];
            for (int v = 0; v < 4; v++) {
                logP[v] = (float) Math.log(p[v]);
            }
            return Tensor.of(logP).unsqueeze(0).expand(sources.length, 4);
        };
        assertArrayEquals(new int[] {END}, Decoding.beam(2).lengthPenalty(0f).decode(scores, 1, START, END, 5)
                .get(0).tokens());
        assertArrayEquals(new int[] {A, END}, Decoding.beam(2).decode(scores, 1, START, END, 5).get(0).tokens());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Decoding.beam(0));
        assertThrows(IllegalArgumentException.class, () -> Decoding.greedy().lengthPenalty(Float.NaN));
        var e = assertThrows(IllegalStateException.class, () -> Decoding.greedy().decode(
                (sources, prefixes) -> Tensor.zeros(4), 1, START, END, 3));
        assertTrue(e.getMessage().contains("expected [1, vocabulary]"), e.getMessage());
    }

    /** Log-probabilities drawn from the seed and the prefix, the same for the same prefix. */
    private static Decoding.NextTokenScores randomScores(int seed, int vocabulary) {
        return (sources, prefixes) -> {
            float[] ids = prefixes.toFloatArray();
            int length = prefixes.dim(1);
            Tensor[] rows = new Tensor[sources.length];
            for (int r = 0; r < sources.length; r++) {
                long key = seed * 1_000_003L + sources[r];
                for (int t = 0; t < length; t++) {
                    key = key * 31 + (long) ids[r * length + t];
                }
                rows[r] = Tensor.randn(new Generator(key), vocabulary).mul(2f).logSoftmax(0);
            }
            return Tensor.stack(0, rows);
        };
    }
}
