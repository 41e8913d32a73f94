package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Forward values of elementwise ops; expected activations come from PyTorch 2.x. */
class PointwiseTest {

    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static void assertValues(float[] expected, Tensor actual, float tolerance) {
        assertArrayEquals(expected, actual.toFloatArray(), tolerance);
    }

    private static Tensor sample() {
        return Tensor.of(-3f, -0.5f, 0f, 0.5f, 3f);
    }

    @Test
    void arithmeticOnEqualShapes() {
        Tensor a = Tensor.of(1f, 2f, 3f);
        Tensor b = Tensor.of(4f, -5f, 0.5f);
        assertValues(new float[] {5, -3, 3.5f}, a.add(b), 0f);
        assertValues(new float[] {-3, 7, 2.5f}, a.sub(b), 0f);
        assertValues(new float[] {4, -10, 1.5f}, a.mul(b), 0f);
        assertValues(new float[] {0.25f, -0.4f, 6}, a.div(b), 1e-7f);
        assertValues(new float[] {1, 1f / 32, 1.7320508f}, a.pow(b), 1e-6f);
    }

    @Test
    void arithmeticWithAScalar() {
        Tensor a = Tensor.of(1f, 2f, 3f);
        assertValues(new float[] {3, 4, 5}, a.add(2f), 0f);
        assertValues(new float[] {-1, 0, 1}, a.sub(2f), 0f);
        assertValues(new float[] {-2, -4, -6}, a.mul(-2f), 0f);
        assertValues(new float[] {0.5f, 1, 1.5f}, a.div(2f), 0f);
        assertValues(new float[] {1, 4, 9}, a.pow(2f), 0f);
        assertValues(new float[] {1, 1.4142135f, 1.7320508f}, a.pow(0.5f), 1e-6f);
    }

    @Test
    void divisionByZeroFollowsIeee() {
        Tensor q = Tensor.of(1f, -1f, 0f).div(Tensor.zeros(3));
        assertEquals(INF, q.get(0));
        assertEquals(-INF, q.get(1));
        assertTrue(Float.isNaN(q.get(2)));
    }

    @Test
    void broadcastingARowAndAColumnMakesATable() {
        Tensor row = Tensor.of(1f, 2f, 3f);
        Tensor column = Tensor.of(new float[] {10, 20}, 2, 1);
        Tensor sum = column.add(row);
        assertArrayEquals(new int[] {2, 3}, sum.shape().toArray());
        assertValues(new float[] {11, 12, 13, 21, 22, 23}, sum, 0f);
        assertValues(new float[] {9, 8, 7, 19, 18, 17}, column.sub(row), 0f);
        assertValues(new float[] {-9, -8, -7, -19, -18, -17}, row.sub(column), 0f);
    }

    @Test
    void broadcastingAddsLeadingDimensions() {
        Tensor a = Tensor.arange(0f, 6f, 1f).reshape(2, 1, 3);
        Tensor b = Tensor.of(new float[] {0, 10, 20, 30}, 4, 1);
        Tensor c = a.add(b);
        assertArrayEquals(new int[] {2, 4, 3}, c.shape().toArray());
        assertEquals(32f, c.get(0, 3, 2));
        assertEquals(13f, c.get(1, 1, 0));
        assertEquals(25f, c.get(1, 2, 2));
        assertValues(new float[] {0, 2, 4, 6, 8, 10}, a.mul(Tensor.scalar(2f)), 0f);
        assertArrayEquals(new int[] {2, 1, 3}, a.mul(Tensor.scalar(2f)).shape().toArray());
    }

    @Test
    void broadcastingWorksOnNonContiguousInputs() {
        Tensor m = Tensor.arange(0f, 6f, 1f).reshape(2, 3);
        Tensor t = m.transpose(0, 1);
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, t.add(Tensor.zeros(3, 2)), 0f);
        assertValues(new float[] {1, 4, 2, 5, 3, 6}, t.add(Tensor.ones(2)), 0f);
        assertValues(new float[] {0, 6, 2, 8, 4, 10}, t.add(t), 0f);
    }

    @Test
    void broadcastingOverAnEmptyDimensionGivesAnEmptyResult() {
        Tensor e = Tensor.zeros(0, 3).add(Tensor.ones(3));
        assertArrayEquals(new int[] {0, 3}, e.shape().toArray());
        assertEquals(0, Tensor.zeros(2, 1).mul(Tensor.zeros(0)).size());
    }

    @Test
    void comparisonsGiveZeroOrOne() {
        Tensor a = Tensor.of(1f, 2f, 3f, NAN);
        Tensor b = Tensor.of(2f, 2f, 2f, NAN);
        assertValues(new float[] {0, 1, 0, 0}, a.eq(b), 0f);
        assertValues(new float[] {1, 0, 1, 1}, a.ne(b), 0f);
        assertValues(new float[] {1, 0, 0, 0}, a.lt(b), 0f);
        assertValues(new float[] {1, 1, 0, 0}, a.le(b), 0f);
        assertValues(new float[] {0, 0, 1, 0}, a.gt(b), 0f);
        assertValues(new float[] {0, 1, 1, 0}, a.ge(b), 0f);
        assertValues(new float[] {0, 1, 0, 0}, a.eq(2f), 0f);
        assertValues(new float[] {1, 0, 0, 0}, a.lt(2f), 0f);
        assertValues(new float[] {0, 0, 1, 0}, a.gt(2f), 0f);
        assertEquals(DType.FLOAT32, a.eq(b).dtype());
    }

    @Test
    void comparisonsBroadcast() {
        Tensor column = Tensor.of(new float[] {1, 2}, 2, 1);
        assertValues(new float[] {0, 1, 1, 0, 0, 1}, column.lt(Tensor.of(1f, 2f, 3f)), 0f);
    }

    @Test
    void maximumAndMinimumPropagateNan() {
        Tensor a = Tensor.of(1f, 5f, NAN, -0f);
        Tensor b = Tensor.of(3f, 2f, 0f, 1f);
        assertValues(new float[] {3, 5, NAN, 1}, a.maximum(b), 0f);
        assertValues(new float[] {1, 2, NAN, -0f}, a.minimum(b), 0f);
        assertValues(new float[] {2, 2, 3}, Tensor.of(1f, 2f, 3f).maximum(Tensor.scalar(2f)), 0f);
    }

    @Test
    void simpleUnaryOps() {
        Tensor x = Tensor.of(-4f, 0f, 2.25f);
        assertValues(new float[] {4, -0f, -2.25f}, x.neg(), 0f);
        assertValues(new float[] {4, 0, 2.25f}, x.abs(), 0f);
        assertValues(new float[] {-1, 0, 1}, x.sign(), 0f);
        assertValues(new float[] {0, 0, 2.25f}, x.relu(), 0f);
        assertValues(new float[] {-0.04f, 0, 2.25f}, x.leakyRelu(0.01f), 1e-7f);
        assertValues(new float[] {NAN, 0, 1.5f}, x.sqrt(), 0f);
        assertValues(new float[] {(float) Math.exp(-4), 1, (float) Math.exp(2.25)}, x.exp(), 1e-6f);
        assertValues(new float[] {NAN, -INF, (float) Math.log(2.25)}, x.log(), 1e-6f);
        assertValues(new float[] {(float) Math.sin(-4), 0, (float) Math.sin(2.25)}, x.sin(), 1e-6f);
        assertValues(new float[] {(float) Math.cos(-4), 1, (float) Math.cos(2.25)}, x.cos(), 1e-6f);
    }

    @Test
    void log1pIsAccurateNearZero() {
        assertValues(new float[] {9.9999994e-08f, 0.6931472f}, Tensor.of(1e-7f, 1f).log1p(), 1e-12f);
    }

    @Test
    void activationsMatchPyTorch() {
        Tensor x = sample();
        assertValues(new float[] {-0.99997789f, -0.52049988f, 0f, 0.52049988f, 0.99997789f}, x.erf(), 1e-6f);
        assertValues(new float[] {0.04742587f, 0.37754068f, 0.5f, 0.62245935f, 0.95257413f}, x.sigmoid(), 1e-6f);
        assertValues(new float[] {-0.99505478f, -0.46211717f, 0f, 0.46211717f, 0.99505478f}, x.tanh(), 1e-6f);
        assertValues(new float[] {-0.00405023f, -0.15426877f, 0f, 0.34573123f, 2.99594975f}, x.gelu(), 1e-6f);
        assertValues(new float[] {-0.00363743f, -0.15428600f, 0f, 0.34571400f, 2.99636269f}, x.geluTanh(), 1e-6f);
        assertValues(new float[] {-0.14227761f, -0.18877034f, 0f, 0.31122968f, 2.85772252f}, x.silu(), 1e-6f);
        assertValues(new float[] {0.04858735f, 0.47407699f, 0.69314718f, 0.97407699f, 3.04858732f},
                x.softplus(), 1e-6f);
        assertValues(new float[] {0.00123784f, 0.15663084f, 0.34657359f, 0.65663081f, 3.00123787f},
                x.softplus(2f), 1e-6f);
        assertValues(new float[] {-1.42531943f, -0.59020400f, 0f, 0.5f, 3f}, x.elu(1.5f), 1e-6f);
    }

    @Test
    void sigmoidAndSoftplusSaturateWithoutOverflow() {
        assertValues(new float[] {0f, 1f, 0f}, Tensor.of(-100f, 100f, -1000f).sigmoid(), 1e-30f);
        Tensor sp = Tensor.of(-100f, 100f, 30f, 1000f).softplus();
        assertValues(new float[] {3.7835059e-44f, 100f, 30f, 1000f}, sp, 1e-45f);
        assertValues(new float[] {1f, 0f}, Tensor.of(INF, -INF).sigmoid(), 0f);
        assertValues(new float[] {1f, -1f}, Tensor.of(1000f, -1000f).tanh(), 0f);
        assertValues(new float[] {1000f, -0f}, Tensor.of(1000f, -1000f).gelu(), 0f);
    }

    @Test
    void powCoversSpecialCases() {
        Tensor p = Tensor.of(-8f, 0f, 2f, 0f).pow(Tensor.of(1f / 3, 0f, -1f, 0.5f));
        assertValues(new float[] {NAN, 1f, 0.5f, 0f}, p, 0f);
        assertValues(new float[] {16f, -8f}, Tensor.of(-2f).pow(Tensor.of(4f, 3f)), 0f);
    }

    @Test
    void clampLimitsBothSidesAndKeepsNan() {
        Tensor x = Tensor.of(-5f, 0.5f, 5f, NAN, -INF);
        assertValues(new float[] {-1f, 0.5f, 1f, NAN, -1f}, x.clamp(-1f, 1f), 0f);
        assertValues(new float[] {2f, 2f, 2f}, Tensor.of(1f, 2f, 3f).clamp(2f, 2f), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> x.clamp(1f, -1f));
        assertEquals("clamp: min (1.0) is greater than max (-1.0)", e.getMessage());
    }

    @Test
    void whereSelectsByAZeroOneMaskAndBroadcasts() {
        Tensor mask = Tensor.of(1f, 0f, 1f);
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor out = Tensor.where(mask, a, Tensor.scalar(-1f));
        assertArrayEquals(new int[] {2, 3}, out.shape().toArray());
        assertValues(new float[] {1, -1, 3, 4, -1, 6}, out, 0f);
        Tensor byRow = Tensor.where(Tensor.of(new float[] {0, 1}, 2, 1), a, a.neg());
        assertValues(new float[] {-1, -2, -3, 4, 5, 6}, byRow, 0f);
    }

    @Test
    void unaryOpsKeepTheShapeAndReadNonContiguousInput() {
        Tensor m = Tensor.arange(0f, 6f, 1f).reshape(2, 3).transpose(0, 1);
        Tensor y = m.mul(Tensor.scalar(-1f)).abs();
        assertArrayEquals(new int[] {3, 2}, y.shape().toArray());
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, y, 0f);
        assertValues(new float[] {0, 9, 1, 16, 4, 25}, m.pow(2f), 0f);
        assertEquals(0, Tensor.zeros(0, 4).exp().size());
    }

    @Test
    void largeInputsGiveTheSameValuesAsSmallOnes() {
        // Crosses the parallel grain, so chunked kernels must agree with the plain loop.
        int n = (1 << 16) + 17;
        Tensor x = Tensor.arange(0f, n, 1f).mul(1e-3f).sub(30f);
        float[] in = x.toFloatArray();
        float[] relu = x.relu().toFloatArray();
        float[] sum = x.add(x).toFloatArray();
        for (int i = 0; i < n; i++) {
            assertEquals(Math.max(in[i], 0f), relu[i]);
            assertEquals(in[i] + in[i], sum[i]);
        }
    }
}
