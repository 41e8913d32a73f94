package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.Parallel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;
    private static final int FEATURES = 2;
    private static final int HIDDEN = 3;

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.uniform(new Generator(seed), -0.8f, 0.8f, shape).requiresGrad(true);
    }

    /** Every input and weight against finite differences, each direction, with and without a mask. */
    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0}, BATCH, STEPS);
        for (Recurrence.Cell cell : Recurrence.Cell.values()) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (Tensor m : new Tensor[] {null, mask}) {
                    int rows = cell.gates() * HIDDEN;
                    boolean lstm = cell == Recurrence.Cell.LSTM;
                    Tensor[] leaves = lstm
                            ? new Tensor[] {leaf(1, BATCH, STEPS, FEATURES), leaf(4, rows, FEATURES), leaf(5, rows, HIDDEN),
                                leaf(6, rows), leaf(7, rows), leaf(2, BATCH, HIDDEN), leaf(3, BATCH, HIDDEN)}
                            : new Tensor[] {leaf(1, BATCH, STEPS, FEATURES), leaf(4, rows, FEATURES), leaf(5, rows, HIDDEN),
                                leaf(6, rows), leaf(7, rows), leaf(2, BATCH, HIDDEN)};
                    GradCheck.Result result = GradCheck.defaults().check(in -> {
                        List<Tensor> out = Recurrence.run(cell, in[0], in[5], lstm ? in[6] : null, in[1], in[2], in[3],
                                in[4], m, reverse);
                        Tensor total = out.get(0).sum(1).add(out.get(1).mul(2f));
                        return out.size() > 2 ? total.add(out.get(2).mul(3f)) : total;
                    }, leaves);
                    assertTrue(result.passed(), cell + (reverse ? " reverse" : "") + (m == null ? "" : " masked")
                            + ": " + result);
                }
            }
        }
    }

    @Test
    void paddedStepsKeepTheStateAndOutputZeros() {
        Tensor x = Tensor.uniform(new Generator(8), -1f, 1f, 2, 3, FEATURES);
        Tensor w = Tensor.uniform(new Generator(9), -1f, 1f, 3 * HIDDEN, FEATURES);
        Tensor u = Tensor.uniform(new Generator(10), -1f, 1f, 3 * HIDDEN, HIDDEN);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 0, 0}, 2, 3);
        List<Tensor> masked = Recurrence.run(Recurrence.Cell.GRU, x, null, null, w, u, null, null, mask, false);
        List<Tensor> alone = Recurrence.run(Recurrence.Cell.GRU, x.slice(0, 1, 2).slice(1, 0, 1), null, null, w, u,
                null, null, null, false);
        assertArrayEquals(alone.get(1).toFloatArray(), masked.get(1).slice(0, 1, 2).toFloatArray(), 1e-6f);
        assertEquals(0f, masked.get(0).slice(0, 1, 2).slice(1, 1, 3).abs().sum().item());
        List<Tensor> backward = Recurrence.run(Recurrence.Cell.GRU, x, null, null, w, u, null, null, mask, true);
        assertArrayEquals(alone.get(1).toFloatArray(), backward.get(1).slice(0, 1, 2).toFloatArray(), 1e-6f,
                "a sequence of one real step reads the same backward");
    }

    /** Without the output sequence: the same final states and the same gradients, and no output. */
    @Test
    void finalStatesAloneAreTheSame() {
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0}, BATCH, STEPS);
        for (Recurrence.Cell cell : Recurrence.Cell.values()) {
            int rows = cell.gates() * HIDDEN;
            Tensor x = leaf(1, BATCH, STEPS, FEATURES);
            Tensor w = leaf(4, rows, FEATURES);
            Tensor u = leaf(5, rows, HIDDEN);
            Tensor b = leaf(6, rows);
            Tensor h0 = leaf(2, BATCH, HIDDEN);
            Tensor c0 = cell == Recurrence.Cell.LSTM ? leaf(3, BATCH, HIDDEN) : null;
            float[][] results = new float[2][];
            float[][] gradients = new float[2][];
            for (int run = 0; run < 2; run++) {
                List<Tensor> out = Recurrence.run(cell, x, h0, c0, w, u, b, b, mask, false, run == 0);
                if (run == 1) {
                    assertEquals(null, out.get(0), cell + ": no output sequence");
                }
                Tensor last = out.get(out.size() - 1);
                last.mul(last).sum().add(out.get(1).sum()).backward();
                results[run] = last.toFloatArray();
                gradients[run] = new float[u.size() + x.size() + h0.size()];
                System.arraycopy(u.grad().toFloatArray(), 0, gradients[run], 0, u.size());
                System.arraycopy(x.grad().toFloatArray(), 0, gradients[run], u.size(), x.size());
                System.arraycopy(h0.grad().toFloatArray(), 0, gradients[run], u.size() + x.size(), h0.size());
                for (Tensor t : new Tensor[] {x, w, u, b, h0, c0}) {
                    if (t != null) {
                        t.zeroGrad();
                    }
                }
            }
            assertArrayEquals(results[0], results[1], 0f, cell + " final state");
            assertArrayEquals(gradients[0], gradients[1], 0f, cell + " gradients of W_hh, x and h0");
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int threads = Parallel.threads();
        Tensor x = Tensor.uniform(new Generator(11), -1f, 1f, 64, 6, 16);
        Tensor w = Tensor.uniform(new Generator(12), -0.3f, 0.3f, 4 * 32, 16).requiresGrad(true);
        Tensor u = Tensor.uniform(new Generator(13), -0.3f, 0.3f, 4 * 32, 32).requiresGrad(true);
        float[][] results = new float[2][];
        float[][] gradients = new float[2][];
        try {
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                List<Tensor> out = Recurrence.run(Recurrence.Cell.LSTM, x, null, null, w, u, null, null, null, false);
                out.get(0).sum().backward();
                results[t - 1] = out.get(0).toFloatArray();
                gradients[t - 1] = u.grad().toFloatArray();
                u.zeroGrad();
                w.zeroGrad();
            }
        } finally {
            Parallel.setThreads(threads);
        }
        assertArrayEquals(results[0], results[1], 0f);
        assertArrayEquals(gradients[0], gradients[1], 0f);
    }

    /**
     * A batch of more than one block of RecurrentSequence.ROW_GRAIN rows, not a whole number of
     * register tiles: its rows go through tiles of eight and single rows, each row alone through
     * the single-row path, and every output is the same to the bit.
     */
    @Test
    void aLargeBatchGivesWhatEachSequenceGivesAlone() {
        int batch = RecurrentSequence.ROW_GRAIN + 3;
        for (Recurrence.Cell cell : Recurrence.Cell.values()) {
            int rows = cell.gates() * 5;
            Tensor x = leaf(20, batch, 3, 4);
            Tensor w = leaf(21, rows, 4);
            Tensor u = leaf(22, rows, 5);
            Tensor b = leaf(23, rows);
            List<Tensor> all = Recurrence.run(cell, x, null, null, w, u, b, b, null, true);
            all.get(0).sum().add(all.get(1).sum()).backward();
            float[] batchGradient = u.grad().toFloatArray();
            u.zeroGrad();
            for (int n = 0; n < batch; n++) {
                Tensor row = x.detach().slice(0, n, n + 1);
                List<Tensor> alone = Recurrence.run(cell, row, null, null, w, u, b, b, null, true);
                assertArrayEquals(alone.get(0).toFloatArray(), all.get(0).slice(0, n, n + 1).toFloatArray(), 0f,
                        cell + " row " + n);
                alone.get(0).sum().add(alone.get(1).sum()).backward();
            }
            float[] summed = u.grad().toFloatArray();
            for (int i = 0; i < summed.length; i++) {
                assertEquals(summed[i], batchGradient[i], 1e-5f + 1e-4f * Math.abs(summed[i]), cell + " dW_hh " + i);
            }
        }
    }

    @Test
    void badShapesAreExplained() {
        Tensor w = Tensor.zeros(8, 2);
        Tensor u = Tensor.zeros(8, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Recurrence.run(Recurrence.Cell.LSTM,
                Tensor.zeros(1, 3, 5), null, null, w, u, null, null, null, false));
        assertTrue(e.getMessage().contains("weight_ih of shape [8, 5]"), e.getMessage());
        var mask = assertThrows(IllegalArgumentException.class, () -> Recurrence.run(Recurrence.Cell.LSTM,
                Tensor.zeros(1, 3, 2), null, null, w, u, null, null, Tensor.ones(1, 2), false));
        assertTrue(mask.getMessage().contains("mask must have shape [1, 3]"), mask.getMessage());
    }
}
