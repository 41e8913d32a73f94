package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.RecurrentCells;

/**
 * {@link Recurrence#run}'s forward and backward through time, and what backward keeps from
 * forward. Step-indexed arrays are in processing order (step s reads time
 * {@code reverse ? T−1−s : s}) and time-major, so one step's rows are contiguous for the
 * per-step product and all steps' rows form one matrix for the input and weight products.
 *
 * <p>Row {@code s·N + n} of {@code rows [(T+1)·N, F + H + 1]} holds step s's input, the hidden
 * state it starts from, and a 1: the input projection reads its first F columns, step s's
 * hidden product its middle H, and in backward one GEMM {@code dGᵀ·rows} gives the gradients of
 * both weights and of the bias at once. Row block T holds the final hidden state. The result
 * is one tensor {@code [N, T + S, H]}, the output at each step and then the S final states,
 * which {@link Recurrence} hands out as views.
 *
 * <p>For a batch of at most {@link #SMALL_BATCH} rows the per-step products with the hidden
 * weight are {@link RecurrentCells#rowTimesMatrix}, on the weight transposed once per sequence
 * (forward) or as it is (backward), rather than GEMMs, which would pack the weight again at
 * every step for a product smaller than the packing.
 */
final class RecurrentSequence {

    /** Rows of the fused step per chunk of work: about 16k gate values. */
    private static final int ROW_GRAIN_VALUES = 1 << 14;
    /** The largest batch whose hidden products go through {@link RecurrentCells#rowTimesMatrix}. */
    static final int SMALL_BATCH = 4;
    private static final int TILE = 32;

    private final Recurrence.Cell cell;
    private final int batch;
    private final int steps;
    private final int features;
    private final int hidden;
    private final int gateWidth;
    private final int rowWidth;
    private final int width;
    private final boolean reverse;
    private final float[] mask;
    private final Kernels k = KernelProvider.get();
    private final RecurrentCells cells = RecurrentCells.of(k);
    private float[] rows;
    private float[] gates;
    private float[] cellStates;
    private float[] tanhCells;
    private float[] hiddenN;
    private Tensor weightIh;
    private Tensor weightHh;

    RecurrentSequence(Recurrence.Cell cell, int batch, int steps, int features, int hidden, boolean reverse,
            float[] mask) {
        this.cell = cell;
        this.batch = batch;
        this.steps = steps;
        this.features = features;
        this.hidden = hidden;
        this.gateWidth = cell.gates() * hidden;
        this.rowWidth = features + hidden + 1;
        this.width = steps + cell.states();
        this.reverse = reverse;
        this.mask = mask;
    }

    private int time(int step) {
        return reverse ? steps - 1 - step : step;
    }

    private boolean real(int step, int row) {
        return mask == null || mask[row * steps + time(step)] != 0f;
    }

    /** Where row n's hidden state at the start of step s is. */
    private int hiddenAt(int s, int n) {
        return (s * batch + n) * rowWidth + features;
    }

    Tensor forward(Tensor input, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        weightIh = wIh.contiguousData();
        weightHh = wHh.contiguousData();
        fillRows(input.contiguousData(), h0);
        int count = steps * batch;
        gates = new float[count * gateWidth];
        k.gemm(false, true, count, gateWidth, features, 1f, rows, 0, rowWidth, weightIh.data(), weightIh.offset(),
                Math.max(features, 1), 0f, gates, 0, gateWidth);
        float[] inputBias = sum(bIh, cell == Recurrence.Cell.GRU ? null : bHh);
        if (inputBias != null) {
            k.biasActivation(null, 0f, gates, 0, inputBias, 0, gates, 0, count, gateWidth);
        }
        if (cell == Recurrence.Cell.LSTM) {
            cellStates = new float[(steps + 1) * batch * hidden];
            if (c0 != null) {
                Tensor c = c0.contiguousData();
                System.arraycopy(c.data(), c.offset(), cellStates, 0, batch * hidden);
            }
            tanhCells = new float[count * hidden];
        }
        float[] transposed = batch <= SMALL_BATCH ? transpose(weightHh, gateWidth, hidden) : null;
        float[] packed = new float[batch * width * hidden];
        if (cell == Recurrence.Cell.GRU) {
            hiddenN = new float[count * hidden];
            float[] hiddenBias = bHh == null ? null : bHh.toFloatArray();
            float[] hiddenProduct = new float[batch * gateWidth];
            for (int s = 0; s < steps; s++) {
                java.util.Arrays.fill(hiddenProduct, 0f);
                hiddenProduct(s, transposed, hiddenProduct, 0);
                if (hiddenBias != null) {
                    k.biasActivation(null, 0f, hiddenProduct, 0, hiddenBias, 0, hiddenProduct, 0, batch, gateWidth);
                }
                forwardStep(s, hiddenProduct, packed);
            }
        } else {
            for (int s = 0; s < steps; s++) {
                hiddenProduct(s, transposed, gates, s * batch * gateWidth);
                forwardStep(s, null, packed);
            }
        }
        for (int n = 0; n < batch; n++) {
            System.arraycopy(rows, hiddenAt(steps, n), packed, (n * width + steps) * hidden, hidden);
            if (cellStates != null) {
                System.arraycopy(cellStates, (steps * batch + n) * hidden, packed, (n * width + steps + 1) * hidden,
                        hidden);
            }
        }
        Tensor result = Tensor.wrap(packed, Shape.of(batch, width, hidden));
        return Autograd.record("recurrence", result, g -> backward(g, input, h0, c0, bIh, bHh),
                input, h0, c0, wIh, wHh, bIh, bHh);
    }

    /** The rows: each step's input, a 1 after the hidden state, and the initial hidden state. */
    private void fillRows(Tensor x, Tensor h0) {
        rows = new float[(steps + 1) * batch * rowWidth];
        for (int s = 0; s < steps; s++) {
            for (int n = 0; n < batch; n++) {
                int row = (s * batch + n) * rowWidth;
                System.arraycopy(x.data(), x.offset() + (n * steps + time(s)) * features, rows, row, features);
                rows[row + rowWidth - 1] = 1f;
            }
        }
        if (h0 != null) {
            Tensor h = h0.contiguousData();
            for (int n = 0; n < batch; n++) {
                System.arraycopy(h.data(), h.offset() + n * hidden, rows, hiddenAt(0, n), hidden);
            }
        }
    }

    /**
     * {@code target[step s rows] += hidden(s)·W_hhᵀ}: for a small batch with W_hhᵀ given as
     * {@code transposed [H, G·H]}, else a GEMM.
     */
    private void hiddenProduct(int s, float[] transposed, float[] target, int offset) {
        if (transposed != null) {
            cells.rowTimesMatrix(batch, hidden, gateWidth, rows, hiddenAt(s, 0), rowWidth, transposed, 0, target,
                    offset);
        } else {
            k.gemm(false, true, batch, gateWidth, hidden, 1f, rows, hiddenAt(s, 0), rowWidth, weightHh.data(),
                    weightHh.offset(), hidden, 1f, target, offset, gateWidth);
        }
    }

    private void forwardStep(int s, float[] hiddenProduct, float[] packed) {
        int t = time(s);
        Parallel.forChunks(batch, Math.max(1, ROW_GRAIN_VALUES / gateWidth), (first, end) -> {
            for (int n = first; n < end; n++) {
                int state = (s * batch + n) * hidden;
                int next = state + batch * hidden;
                int previousH = hiddenAt(s, n);
                int nextH = hiddenAt(s + 1, n);
                if (!real(s, n)) {
                    System.arraycopy(rows, previousH, rows, nextH, hidden);
                    if (cellStates != null) {
                        System.arraycopy(cellStates, state, cellStates, next, hidden);
                    }
                    continue;
                }
                int g = (s * batch + n) * gateWidth;
                switch (cell) {
                    case LSTM -> cells.lstm(hidden, gates, g, cellStates, state, cellStates, next, tanhCells, state,
                            rows, nextH);
                    case GRU -> cells.gru(hidden, gates, g, hiddenProduct, n * gateWidth, rows, previousH, hiddenN,
                            state, rows, nextH);
                    case RNN_TANH, RNN_RELU -> cells.rnn(hidden, cell == Recurrence.Cell.RNN_RELU, gates, g, rows,
                            nextH);
                }
                System.arraycopy(rows, nextH, packed, (n * width + t) * hidden, hidden);
            }
        });
    }

    private Tensor[] backward(Tensor g, Tensor input, Tensor h0, Tensor c0, Tensor bIh, Tensor bHh) {
        Tensor gradient = g.contiguousData();
        float[] gp = gradient.data();
        int go = gradient.offset();
        float[] dh = new float[batch * hidden];
        float[] dc = cellStates == null ? null : new float[batch * hidden];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(gp, go + (n * width + steps) * hidden, dh, n * hidden, hidden);
            if (dc != null) {
                System.arraycopy(gp, go + (n * width + steps + 1) * hidden, dc, n * hidden, hidden);
            }
        }
        int count = steps * batch;
        float[] dGates = new float[count * gateWidth];
        float[] dHiddenGates = cell == Recurrence.Cell.GRU ? new float[count * gateWidth] : dGates;
        for (int s = steps - 1; s >= 0; s--) {
            backwardStep(s, gp, go, dh, dc, dGates, dHiddenGates);
            int at = s * batch * gateWidth;
            if (batch <= SMALL_BATCH) {
                cells.rowTimesMatrix(batch, gateWidth, hidden, dHiddenGates, at, gateWidth, weightHh.data(),
                        weightHh.offset(), dh, 0);
            } else {
                k.gemm(false, false, batch, hidden, gateWidth, 1f, dHiddenGates, at, gateWidth, weightHh.data(),
                        weightHh.offset(), hidden, 1f, dh, 0, hidden);
            }
        }
        Tensor[] grads = new Tensor[7];
        if (input.requiresGrad()) {
            grads[0] = inputGradient(dGates);
        }
        grads[1] = h0 != null && h0.requiresGrad() ? Tensor.wrap(dh, Shape.of(batch, hidden)) : null;
        grads[2] = c0 != null && c0.requiresGrad() ? Tensor.wrap(dc, Shape.of(batch, hidden)) : null;
        if (cell == Recurrence.Cell.GRU) {
            float[] inputSide = product(dGates, 0, features);
            float[] hiddenSide = product(dHiddenGates, features, hidden + 1);
            grads[3] = columns(inputSide, features, 0, features);
            grads[4] = columns(hiddenSide, hidden + 1, 0, hidden);
            grads[5] = bIh == null ? null : biasGradient(dGates);
            grads[6] = bHh == null ? null : column(hiddenSide, hidden + 1, hidden);
        } else {
            float[] all = product(dGates, 0, rowWidth);
            grads[3] = columns(all, rowWidth, 0, features);
            grads[4] = columns(all, rowWidth, features, features + hidden);
            grads[5] = bIh == null ? null : column(all, rowWidth, rowWidth - 1);
            grads[6] = bHh == null ? null : column(all, rowWidth, rowWidth - 1);
        }
        return grads;
    }

    private void backwardStep(int s, float[] gp, int go, float[] dh, float[] dc, float[] dGates, float[] dHidden) {
        int t = time(s);
        Parallel.forChunks(batch, Math.max(1, ROW_GRAIN_VALUES / gateWidth), (first, end) -> {
            for (int n = first; n < end; n++) {
                if (!real(s, n)) {
                    continue;
                }
                int state = (s * batch + n) * hidden;
                int g = (s * batch + n) * gateWidth;
                int h = n * hidden;
                k.axpy(hidden, 1f, gp, go + (n * width + t) * hidden, dh, h);
                switch (cell) {
                    case LSTM -> cells.lstmBackward(hidden, gates, g, cellStates, state, tanhCells, state, dh, h,
                            dc, h, dGates, g);
                    case GRU -> cells.gruBackward(hidden, gates, g, rows, hiddenAt(s, n), hiddenN, state, dh, h,
                            dGates, g, dHidden, g);
                    case RNN_TANH, RNN_RELU -> cells.rnnBackward(hidden, cell == Recurrence.Cell.RNN_RELU, gates, g,
                            dh, h, dGates, g);
                }
                if (cell != Recurrence.Cell.GRU) {
                    java.util.Arrays.fill(dh, h, h + hidden, 0f);
                }
            }
        });
    }

    /** dG·W_ih back in the input's [N, T, I] layout. */
    private Tensor inputGradient(float[] dGates) {
        int count = steps * batch;
        float[] timeMajor = new float[count * features];
        k.gemm(false, false, count, features, gateWidth, 1f, dGates, 0, gateWidth, weightIh.data(), weightIh.offset(),
                Math.max(features, 1), 0f, timeMajor, 0, Math.max(features, 1));
        float[] dx = new float[count * features];
        for (int s = 0; s < steps; s++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(timeMajor, (s * batch + n) * features, dx, (n * steps + time(s)) * features, features);
            }
        }
        return Tensor.wrap(dx, Shape.of(batch, steps, features));
    }

    /** dGᵀ·rows[:, first .. first + columns): [G·H, T·N] · [T·N, columns]. */
    private float[] product(float[] dGates, int first, int columns) {
        float[] out = new float[gateWidth * columns];
        k.gemm(true, false, gateWidth, columns, steps * batch, 1f, dGates, 0, gateWidth, rows, first, rowWidth, 0f,
                out, 0, Math.max(columns, 1));
        return out;
    }

    /** Columns [from, to) of a [G·H, ld] matrix. */
    private Tensor columns(float[] matrix, int ld, int from, int to) {
        int count = to - from;
        float[] out = new float[gateWidth * count];
        for (int r = 0; r < gateWidth; r++) {
            System.arraycopy(matrix, r * ld + from, out, r * count, count);
        }
        return Tensor.wrap(out, Shape.of(gateWidth, count));
    }

    /** Column {@code index} of a [G·H, ld] matrix, as a vector (a bias's gradient). */
    private Tensor column(float[] matrix, int ld, int index) {
        return columns(matrix, ld, index, index + 1).reshape(gateWidth);
    }

    private Tensor biasGradient(float[] dGates) {
        float[] out = new float[gateWidth];
        k.columnSums(dGates, 0, gateWidth, steps * batch, gateWidth, out, 0);
        return Tensor.wrap(out, Shape.of(gateWidth));
    }

    /**
     * The matrix transposed, {@link #TILE} rows at a time: each output row is written in runs
     * of a tile's rows, while the tile's input rows stay in cache.
     */
    private static float[] transpose(Tensor matrix, int rowCount, int columnCount) {
        float[] in = matrix.data();
        int offset = matrix.offset();
        float[] out = new float[rowCount * columnCount];
        for (int r0 = 0; r0 < rowCount; r0 += TILE) {
            int rEnd = Math.min(rowCount, r0 + TILE);
            for (int c = 0; c < columnCount; c++) {
                for (int r = r0, o = c * rowCount + r0, i = offset + r0 * columnCount + c; r < rEnd;
                        r++, o++, i += columnCount) {
                    out[o] = in[i];
                }
            }
        }
        return out;
    }

    private static float[] sum(Tensor a, Tensor b) {
        if (a == null && b == null) {
            return null;
        }
        float[] out = a == null ? new float[b.size()] : a.toFloatArray();
        if (b != null) {
            float[] other = b.toFloatArray();
            KernelProvider.get().binary(BinaryOp.ADD, out, 0, 1, other, 0, 1, out, 0, out.length);
        }
        return out;
    }
}
