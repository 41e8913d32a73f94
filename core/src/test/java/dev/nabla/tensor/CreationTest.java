package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CreationTest {

    @Test
    void zerosOnesAndFullFillTheShape() {
        Tensor z = Tensor.zeros(2, 3);
        assertArrayEquals(new int[] {2, 3}, z.shape().toArray());
        assertArrayEquals(new float[6], z.toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor.ones(4).toFloatArray());
        assertArrayEquals(new float[] {-2.5f, -2.5f, -2.5f}, Tensor.full(-2.5f, 3, 1).toFloatArray());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Tensor.full(-0f, 2).get(1)));
        assertEquals(DType.FLOAT32, Tensor.ones(1).dtype());
    }

    @Test
    void shapesWithAZeroSizeAreEmptyAndNoSizesIsAScalar() {
        Tensor empty = Tensor.zeros(2, 0, 3);
        assertEquals(0, empty.size());
        assertEquals(3, empty.rank());
        assertEquals(0, empty.toFloatArray().length);
        Tensor scalar = Tensor.ones();
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals(1f, scalar.item());
    }

    @Test
    void negativeSizeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("[2, -1]"), e.getMessage());
    }

    @Test
    void scalarIsZeroDimensional() {
        Tensor s = Tensor.scalar(3.5f);
        assertEquals(0, s.rank());
        assertEquals(3.5f, s.item());
        assertArrayEquals(new float[] {3.5f}, s.toFloatArray());
    }

    @Test
    void ofCopiesTheValues() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 100;
        assertEquals(1f, t.get(0, 0));
        assertEquals(6f, t.get(1, 2));
        assertArrayEquals(new int[] {3}, Tensor.of(1f, 2f, 3f).shape().toArray());
    }

    @Test
    void ofRowsBuildsAMatrixAndRejectsRaggedRows() {
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new int[] {3, 2}, m.shape().toArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertEquals("of: row 1 has 1 values but row 0 has 2", e.getMessage());
    }

    @Test
    void ofRejectsTheWrongNumberOfValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertEquals("of: 5 values cannot fill shape [2, 3] (6 elements)", e.getMessage());
    }

    @Test
    void arangeCountsUpAsIntegers() {
        Tensor a = Tensor.arange(5);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, a.toFloatArray());
        assertEquals(DType.INT32, a.dtype());
        assertEquals(0, Tensor.arange(0).size());
    }

    @Test
    void arangeWithFractionalStepIsFloatAndExcludesTheEnd() {
        Tensor a = Tensor.arange(0f, 1f, 0.25f);
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f}, a.toFloatArray());
        assertEquals(DType.FLOAT32, a.dtype());
        // 0.1f is not exact; PyTorch also gives 10 elements for arange(0, 1, 0.1).
        assertEquals(10, Tensor.arange(0f, 1f, 0.1f).size());
        assertArrayEquals(new float[] {1.5f, 3.5f}, Tensor.arange(1.5f, 4f, 2f).toFloatArray());
    }

    @Test
    void arangeWithNegativeStepCountsDown() {
        assertArrayEquals(new float[] {5, 4, 3, 2, 1}, Tensor.arange(5f, 0f, -1f).toFloatArray());
        assertArrayEquals(new float[] {1f, 0.5f, 0f, -0.5f}, Tensor.arange(1f, -1f, -0.5f).toFloatArray());
        assertArrayEquals(new float[] {3, 1, -1}, Tensor.arange(3f, -2f, -2f).toFloatArray());
    }

    @Test
    void arangeInTheWrongDirectionIsEmpty() {
        assertEquals(0, Tensor.arange(0f, 5f, -1f).size());
        assertEquals(0, Tensor.arange(5f, 5f, 1f).size());
    }

    @Test
    void arangeRejectsAZeroOrNonFiniteStep() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, 5f, 0f));
        assertTrue(e.getMessage().startsWith("arange: step must be nonzero"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, Float.POSITIVE_INFINITY, 1f));
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, 1f, Float.NaN));
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f}, Tensor.linspace(0f, 1f, 5).toFloatArray());
        assertArrayEquals(new float[] {2f, 0f, -2f}, Tensor.linspace(2f, -2f, 3).toFloatArray());
        assertArrayEquals(new float[] {7f}, Tensor.linspace(7f, 9f, 1).toFloatArray());
        assertEquals(0, Tensor.linspace(0f, 1f, 0).size());
        Tensor many = Tensor.linspace(-1f, 1f, 101);
        assertEquals(-1f, many.get(0));
        assertEquals(1f, many.get(100));
        assertEquals(0f, many.get(50), 1e-7f);
        assertEquals(DType.FLOAT32, many.dtype());
    }

    @Test
    void linspaceRejectsNegativeSteps() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(0f, 1f, -1));
    }

    @Test
    void eyeAndPermutationRejectBadSizesWithAShapeError() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.eye(-2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.eye(100_000));
        assertThrows(IllegalArgumentException.class, () -> Tensor.permutation(new Generator(1), -1));
    }

    @Test
    void eyeHasOnesOnTheDiagonal() {
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toFloatArray());
        Tensor wide = Tensor.eye(2, 3);
        assertArrayEquals(new int[] {2, 3}, wide.shape().toArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, wide.toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, Tensor.eye(3, 2).toFloatArray());
        assertEquals(0, Tensor.eye(0).size());
    }

    // ------------------------------------------------------------ random

    @Test
    void everyRandomFactoryRepeatsWithTheSameSeedAndDiffersWithAnother() {
        for (var factory : randomFactories()) {
            float[] a = factory.make(new Generator(42)).toFloatArray();
            float[] b = factory.make(new Generator(42)).toFloatArray();
            float[] c = factory.make(new Generator(43)).toFloatArray();
            assertArrayEquals(a, b, factory.name());
            assertFalse(Arrays.equals(a, c), factory.name() + " gave the same values for seeds 42 and 43");
        }
    }

    @Test
    void successiveDrawsFromOneGeneratorDiffer() {
        Generator gen = new Generator(7);
        assertFalse(Arrays.equals(Tensor.rand(gen, 50).toFloatArray(), Tensor.rand(gen, 50).toFloatArray()));
    }

    private record Factory(String name, java.util.function.Function<Generator, Tensor> f) {
        Tensor make(Generator gen) {
            return f.apply(gen);
        }
    }

    private static Factory[] randomFactories() {
        return new Factory[] {
            new Factory("rand", g -> Tensor.rand(g, 100)),
            new Factory("randn", g -> Tensor.randn(g, 100)),
            new Factory("normal", g -> Tensor.normal(g, 3f, 2f, 100)),
            new Factory("uniform", g -> Tensor.uniform(g, -2f, 5f, 100)),
            new Factory("bernoulli", g -> Tensor.bernoulli(g, 0.5f, 100)),
            new Factory("randint", g -> Tensor.randint(g, 0, 10, 100)),
            new Factory("permutation", g -> Tensor.permutation(g, 100)),
        };
    }

    @Test
    void randIsInTheUnitIntervalWithUniformMoments() {
        float[] v = Tensor.rand(new Generator(1), 1_000_000).toFloatArray();
        for (float x : v) {
            assertTrue(x >= 0f && x < 1f, "value " + x);
        }
        assertEquals(0.5, mean(v), 0.002);
        assertEquals(1.0 / 12, variance(v), 0.001);
    }

    @Test
    void uniformStaysInItsRange() {
        float[] v = Tensor.uniform(new Generator(2), -3f, 5f, 200_000).toFloatArray();
        for (float x : v) {
            assertTrue(x >= -3f && x < 5f, "value " + x);
        }
        assertEquals(1.0, mean(v), 0.03);
        assertEquals(64.0 / 12, variance(v), 0.05);
        assertArrayEquals(new float[] {2f, 2f}, Tensor.uniform(new Generator(2), 2f, 2f, 2).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(new Generator(2), 1f, 0f, 2));
    }

    @Test
    void randnHasMeanZeroAndVarianceOne() {
        float[] v = Tensor.randn(new Generator(3), 1_000_000).toFloatArray();
        assertEquals(0.0, mean(v), 0.005);
        assertEquals(1.0, variance(v), 0.005);
        long beyondTwoSigma = 0;
        for (float x : v) {
            beyondTwoSigma += Math.abs(x) > 2 ? 1 : 0;
            assertTrue(Float.isFinite(x));
        }
        assertEquals(0.0455, beyondTwoSigma / (double) v.length, 0.002);
        // An odd size uses the spare value of the last Box–Muller pair.
        assertEquals(7, Tensor.randn(new Generator(3), 7).size());
    }

    @Test
    void normalScalesAndShifts() {
        float[] v = Tensor.normal(new Generator(4), 3f, 2f, 500_000).toFloatArray();
        assertEquals(3.0, mean(v), 0.01);
        assertEquals(4.0, variance(v), 0.03);
        assertArrayEquals(new float[] {5f, 5f}, Tensor.normal(new Generator(4), 5f, 0f, 2).toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.normal(new Generator(4), 0f, -1f, 2));
        assertEquals("normal: std must be non-negative, got -1.0", e.getMessage());
    }

    @Test
    void bernoulliIsOneExactlyWhenTheNextFloatIsBelowP() {
        for (float p : new float[] {0f, 1e-7f, 1f / 3, 0.5f, 0.8f, Math.nextDown(1f), 1f}) {
            Generator draws = new Generator(11);
            float[] expected = new float[5000];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = draws.nextFloat() < p ? 1f : 0f;
            }
            assertArrayEquals(expected, Tensor.bernoulli(new Generator(11), p, 5000).toFloatArray(), "p=" + p);
        }
    }

    @Test
    void bernoulliGivesZerosAndOnesWithTheRequestedRate() {
        float[] v = Tensor.bernoulli(new Generator(5), 0.3f, 200_000).toFloatArray();
        for (float x : v) {
            assertTrue(x == 0f || x == 1f, "value " + x);
        }
        assertEquals(0.3, mean(v), 0.005);
        assertEquals(0.0, mean(Tensor.bernoulli(new Generator(5), 0f, 1000).toFloatArray()));
        assertEquals(1.0, mean(Tensor.bernoulli(new Generator(5), 1f, 1000).toFloatArray()));
        assertThrows(IllegalArgumentException.class, () -> Tensor.bernoulli(new Generator(5), 1.5f, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.bernoulli(new Generator(5), Float.NaN, 2));
    }

    @Test
    void randintCoversEveryValueInItsHalfOpenRange() {
        Tensor t = Tensor.randint(new Generator(6), -2, 3, 100_000);
        assertEquals(DType.INT32, t.dtype());
        int[] counts = new int[5];
        for (float x : t.toFloatArray()) {
            assertEquals(Math.rint(x), x);
            assertTrue(x >= -2 && x < 3, "value " + x);
            counts[(int) x + 2]++;
        }
        for (int c : counts) {
            assertEquals(20_000, c, 600);
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.randint(new Generator(6), 3, 3, 2));
    }

    @Test
    void permutationHoldsEachIndexOnce() {
        Tensor p = Tensor.permutation(new Generator(8), 1000);
        assertEquals(DType.INT32, p.dtype());
        float[] sorted = p.toFloatArray();
        assertFalse(Arrays.equals(sorted, Tensor.arange(1000).toFloatArray()), "not shuffled");
        Arrays.sort(sorted);
        assertArrayEquals(Tensor.arange(1000).toFloatArray(), sorted);
        assertEquals(0, Tensor.permutation(new Generator(8), 0).size());
        assertArrayEquals(new float[] {0}, Tensor.permutation(new Generator(8), 1).toFloatArray());
    }

    @Test
    void randomFactoriesTakeAShape() {
        Tensor t = Tensor.rand(new Generator(9), 2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape().toArray());
        assertEquals(0, Tensor.randn(new Generator(9), 0, 5).size());
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    @Test
    void conversionToIntegersTruncatesTowardZeroLikePyTorch() {
        Tensor t = Tensor.of(-1.7f, -0.5f, 0.5f, 2.9f).to(DType.INT32);
        org.junit.jupiter.api.Assertions.assertEquals(DType.INT32, t.dtype());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {-1f, 0f, 0f, 2f}, t.toFloatArray());
        org.junit.jupiter.api.Assertions.assertEquals("tensor([-1,  0,  0,  2])", t.toString());
        org.junit.jupiter.api.Assertions.assertEquals(DType.FLOAT32, t.to(DType.FLOAT32).dtype());
    }
}
