package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Forward values of reductions and the softmax family; expected values checked against PyTorch. */
class ReductionsTest {

    private static final float INF = Float.POSITIVE_INFINITY;

    /** [[0, 1, 2], [3, 4, 5]]. */
    private static Tensor matrix() {
        return Tensor.arange(0f, 6f, 1f).reshape(2, 3);
    }

    private static void assertValues(float[] expected, Tensor actual, float tolerance) {
        assertArrayEquals(expected, actual.toFloatArray(), tolerance);
    }

    private static void assertShape(int[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.shape().toArray());
    }

    @Test
    void sumOverEverythingIsAScalar() {
        Tensor s = matrix().sum();
        assertEquals(0, s.rank());
        assertEquals(15f, s.item());
        assertEquals(0f, Tensor.zeros(0).sum().item());
        assertEquals(7f, Tensor.scalar(7f).sum().item());
    }

    @Test
    void sumAlongAnAxisRemovesOrKeepsIt() {
        Tensor m = matrix();
        assertValues(new float[] {3, 5, 7}, m.sum(0), 0f);
        assertShape(new int[] {3}, m.sum(0));
        assertValues(new float[] {3, 12}, m.sum(1), 0f);
        assertValues(new float[] {3, 12}, m.sum(-1), 0f);
        assertShape(new int[] {2, 1}, m.sum(1, true));
        assertShape(new int[] {1, 3}, m.sum(0, true));
    }

    @Test
    void sumOverSeveralAxes() {
        Tensor t = Tensor.arange(0f, 24f, 1f).reshape(2, 3, 4);
        Tensor s = t.sum(new int[] {0, 2}, false);
        assertShape(new int[] {3}, s);
        assertValues(new float[] {60, 92, 124}, s, 0f);
        assertShape(new int[] {1, 3, 1}, t.sum(new int[] {-1, 0}, true));
        assertEquals(276f, t.sum(new int[] {0, 1, 2}, false).item());
        // no axes: nothing reduced
        assertValues(t.toFloatArray(), t.sum(new int[0], false), 0f);
    }

    @Test
    void sumOfNonContiguousInputAndOfEmptyAxes() {
        assertValues(new float[] {3, 12}, matrix().transpose(0, 1).sum(0), 0f);
        Tensor empty = Tensor.zeros(0, 3);
        assertValues(new float[] {0, 0, 0}, empty.sum(0), 0f);
        assertShape(new int[] {0}, empty.sum(1));
    }

    @Test
    void sumPropagatesNanAndInfinity() {
        assertTrue(Float.isNaN(Tensor.of(1f, Float.NaN, 3f).sum().item()));
        assertEquals(INF, Tensor.of(1f, INF).sum().item());
    }

    @Test
    void meanDividesByTheReducedCount() {
        Tensor m = matrix();
        assertEquals(2.5f, m.mean().item());
        assertValues(new float[] {1.5f, 2.5f, 3.5f}, m.mean(0), 0f);
        assertValues(new float[] {1, 4}, m.mean(1), 0f);
        assertShape(new int[] {2, 1}, m.mean(1, true));
        assertTrue(Float.isNaN(Tensor.zeros(0).mean().item()));
    }

    @Test
    void maxAndMinAlongAxes() {
        Tensor t = Tensor.of(new float[] {3, -1, 7, 2, 8, -5}, 2, 3);
        assertEquals(8f, t.max().item());
        assertEquals(-5f, t.min().item());
        assertValues(new float[] {3, 8, 7}, t.max(0, false), 0f);
        assertValues(new float[] {-1, -5}, t.min(1, false), 0f);
        assertShape(new int[] {2, 1}, t.max(1, true));
        assertValues(new float[] {8}, t.max(new int[] {0, 1}, false), 0f);
        assertTrue(Float.isNaN(Tensor.of(1f, Float.NaN, 3f).max().item()));
    }

    @Test
    void maxOfAnEmptyDimensionIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max(0, false));
        assertEquals("max: cannot reduce an empty dimension of shape [0, 3]", e.getMessage());
    }

    @Test
    void argmaxAndArgminPickTheFirstOnTies() {
        Tensor t = Tensor.of(1f, 3f, 3f, 0f, 0f);
        assertEquals(1f, t.argmax().item());
        assertEquals(3f, t.argmin().item());
        assertEquals(DType.INT32, t.argmax().dtype());
        Tensor same = Tensor.full(2f, 2, 4);
        assertValues(new float[] {0, 0}, same.argmax(1, false), 0f);
        assertValues(new float[] {0, 0, 0, 0}, same.argmin(0, false), 0f);
    }

    @Test
    void argmaxAlongAxesCountsWithinTheAxis() {
        Tensor t = Tensor.of(new float[] {1, 3, 3, 2, 2, 0}, 2, 3);
        assertValues(new float[] {1, 0}, t.argmax(1, false), 0f);
        assertValues(new float[] {1, 0, 0}, t.argmax(0, false), 0f);
        assertValues(new float[] {0, 1, 1}, t.argmin(0, false), 0f);
        assertValues(new float[] {0, 2}, t.argmin(-1, false), 0f);
        assertShape(new int[] {2, 1}, t.argmax(1, true));
        // the flattened index over all elements
        assertEquals(1f, t.argmax().item());
        assertEquals(5f, t.argmin().item());
        Tensor cube = Tensor.arange(0f, 24f, 1f).reshape(2, 3, 4).neg();
        assertValues(new float[] {0, 0, 0, 0, 0, 0, 0, 0}, cube.argmax(1, false), 0f);
        assertValues(new float[] {2, 2, 2, 2, 2, 2, 2, 2}, cube.argmin(1, false), 0f);
    }

    @Test
    void argmaxTreatsNanAsTheLargest() {
        assertEquals(1f, Tensor.of(1f, Float.NaN, 3f).argmax().item());
        assertEquals(1f, Tensor.of(1f, Float.NaN, -3f).argmin().item());
    }

    @Test
    void varianceUsesTheCorrection() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 2, 4, 6, 9}, 2, 4);
        assertEquals(6.6964288f, t.var().item(), 1e-5f);
        assertValues(new float[] {1.6666666f, 8.916667f}, t.var(new int[] {1}, 1, false), 1e-5f);
        assertValues(new float[] {1.25f, 6.6875f}, t.var(new int[] {1}, 0, false), 1e-5f);
        assertValues(new float[] {2.5f, 13.375f}, t.var(new int[] {1}, 2, false), 1e-5f);
        assertShape(new int[] {2, 1}, t.var(new int[] {1}, 1, true));
        assertTrue(Float.isNaN(Tensor.of(5f).var().item()), "one sample has no sample variance");
    }

    @Test
    void standardDeviationIsTheRootOfTheVariance() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 2, 4, 6, 9}, 2, 4);
        assertValues(new float[] {0.70710677f, 1.4142135f, 2.1213203f, 3.535534f},
                t.std(new int[] {0}, 1, false), 1e-6f);
        assertEquals((float) Math.sqrt(6.6964288), t.std().item(), 1e-5f);
        assertEquals(0.5f, Tensor.of(1f, 2f).std(new int[] {0}, 0, false).item());
    }

    @Test
    void varianceOfLargeOffsetsIsStable() {
        Tensor t = Tensor.of(1e4f + 1, 1e4f + 2, 1e4f + 3);
        assertEquals(1f, t.var().item(), 1e-3f);
    }

    @Test
    void normsOfSeveralOrders() {
        Tensor v = Tensor.of(3f, -4f, 12f);
        assertEquals(13f, v.norm().item(), 1e-6f);
        assertEquals(19f, v.norm(1f, new int[] {0}, false).item());
        assertEquals(12f, v.norm(INF, new int[] {0}, false).item());
        assertEquals(12.207056f, v.norm(3f, new int[] {0}, false).item(), 1e-5f);
        Tensor m = Tensor.of(new float[] {3, 4, 6, 8}, 2, 2);
        assertValues(new float[] {5, 10}, m.norm(2f, new int[] {1}, false), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> v.norm(-1f, new int[] {0}, false));
    }

    @Test
    void softmaxIsStableForLargeInputs() {
        Tensor x = Tensor.of(new float[] {1000, 1001, 1002, -1000, -1001, -1002}, 2, 3);
        assertValues(new float[] {0.09003057f, 0.24472847f, 0.66524094f, 0.66524094f, 0.24472847f, 0.09003057f},
                x.softmax(1), 1e-6f);
        assertValues(new float[] {-2.4076059f, -1.4076059f, -0.40760595f, -0.40760595f, -1.4076059f, -2.4076059f},
                x.logSoftmax(1), 2e-5f);
        assertValues(new float[] {1002.4076f, -999.5924f}, x.logSumExp(1, false), 1e-3f);
    }

    @Test
    void softmaxAlongTheFirstAxisAndRowsSumToOne() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 1, 2, 5}, 2, 3);
        Tensor s = x.softmax(0);
        assertValues(new float[] {0.5f, 0.5f, 0.11920292f, 0.5f, 0.5f, 0.880797f}, s, 1e-6f);
        assertValues(new float[] {1, 1}, x.softmax(-1).sum(1), 1e-6f);
        assertShape(new int[] {2, 3}, s);
    }

    @Test
    void minusInfinityGetsZeroProbability() {
        Tensor x = Tensor.of(0f, -INF, 1f);
        assertValues(new float[] {0.26894143f, 0f, 0.7310586f}, x.softmax(0), 1e-6f);
        assertValues(new float[] {-1.3132616f, -INF, -0.31326166f}, x.logSoftmax(0), 1e-6f);
        assertEquals(1.3132616f, x.logSumExp(0, false).item(), 1e-6f);
    }

    @Test
    void allMinusInfinityRowsMatchPyTorch() {
        Tensor x = Tensor.of(-INF, -INF);
        assertEquals(-INF, x.logSumExp(0, false).item());
        assertTrue(Float.isNaN(x.softmax(0).get(0)));
        assertTrue(Float.isNaN(x.logSoftmax(0).get(0)));
        assertEquals(INF, Tensor.of(INF, 0f).logSumExp(0, false).item());
    }

    @Test
    void logSumExpOverSeveralAxesAndKeepDim() {
        Tensor x = Tensor.zeros(2, 3, 4);
        Tensor l = x.logSumExp(new int[] {0, 2}, true);
        assertShape(new int[] {1, 3, 1}, l);
        assertValues(new float[] {(float) Math.log(8), (float) Math.log(8), (float) Math.log(8)}, l, 1e-6f);
        assertShape(new int[] {3}, x.logSumExp(new int[] {0, 2}, false));
    }

    @Test
    void softmaxOfAnEmptyTensorIsEmpty() {
        assertEquals(0, Tensor.zeros(0, 3).softmax(1).size());
        assertEquals(0, Tensor.zeros(2, 0).logSoftmax(1).size());
    }

    @Test
    void longRowsAreSummedAccurately() {
        int n = 3 * Reductions.SUM_CHUNK + 5;
        assertEquals((float) n, Tensor.ones(n).sum().item());
        assertEquals(1f, Tensor.ones(n).mean().item(), 1e-6f);
    }

    @Test
    void badAxisIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> matrix().sum(2));
        assertEquals("axis 2 is out of range for a tensor of rank 2", e.getMessage());
    }
}
