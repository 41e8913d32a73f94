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
 * which {@link Recurrence} hands out as views; {@code [N, S, H]} when only the final states
 * are wanted.
 *
 * <p>The hidden weight is packed once per sequence ({@link RecurrentCells#pack}), transposed for
 * forward (reused across calls without gradients: {@link PackedWeightCache}) and as it is for
 * backward. Batch rows never interact, so each thread takes whole
 * blocks of rows through every step, forward and backward, with no hand-off between steps: per
 * step, the block's hidden product ({@link RecurrentCells#productRows}, accumulated onto the
 * input projection) and then the fused gate update of each row, while the block is in cache.
 * Scratch arrays come from the thread's {@link RecurrentWorkspace}; so do the activations when
 * no backward will need them.
 */
final class RecurrentSequence {

    /** Batch rows per block of work: every block goes through all the steps on one thread. */
    static final int ROW_GRAIN = 16;
    /** Rows per block of work in the input projection. */
    private static final int PROJECTION_GRAIN = 256;

    private final Recurrence.Cell cell;
    private final int batch;
    private final int steps;
    private final int features;
    private final int hidden;
    private final int gateWidth;
    private final int rowWidth;
    private final int width;
    /** T when the output sequence is wanted, else 0: where the final states start in the result. */
    private final int outputSteps;
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
            float[] mask, boolean sequence) {
        this.cell = cell;
        this.batch = batch;
        this.steps = steps;
        this.features = features;
        this.hidden = hidden;
        this.gateWidth = cell.gates() * hidden;
        this.rowWidth = features + hidden + 1;
        this.outputSteps = sequence ? steps : 0;
        this.width = outputSteps + cell.states();
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
        RecurrentWorkspace workspace = RecurrentWorkspace.get();
        boolean keep = NoGrad.isGradEnabled() && anyRequiresGrad(input, h0, c0, wIh, wHh, bIh, bHh);
        int count = steps * batch;
        rows = keep ? RecurrentWorkspace.kept((steps + 1) * batch * rowWidth)
                : workspace.get(RecurrentWorkspace.Slot.ROWS, (steps + 1) * batch * rowWidth);
        fillRows(input.contiguousData(), h0);
        gates = keep ? RecurrentWorkspace.kept(count * gateWidth) : workspace.get(RecurrentWorkspace.Slot.GATES, count * gateWidth);
        float[] inputBias = sum(bIh, cell == Recurrence.Cell.GRU ? null : bHh);
        float[] packedInput = packedInputWeight(workspace, keep);
        // One block of rows: the projection of all steps at once (rows in tiles of 8); several:
        // each block projects its rows step by step, saving a fork and a pass over the gates.
        boolean projectFirst = batch <= ROW_GRAIN;
        if (projectFirst) {
            Parallel.forChunks(steps * batch, PROJECTION_GRAIN, (first, end) -> project(packedInput, inputBias, first,
                    end));
        }
        if (cell == Recurrence.Cell.LSTM) {
            int size = (steps + 1) * batch * hidden;
            cellStates = keep ? RecurrentWorkspace.kept(size) : workspace.get(RecurrentWorkspace.Slot.CELL_STATES, size);
            if (c0 != null) {
                Tensor c = c0.contiguousData();
                System.arraycopy(c.data(), c.offset(), cellStates, 0, batch * hidden);
            } else {
                java.util.Arrays.fill(cellStates, 0, batch * hidden, 0f);
            }
            tanhCells = keep ? RecurrentWorkspace.kept(count * hidden) : workspace.get(RecurrentWorkspace.Slot.TANH_CELLS,
                    count * hidden);
        }
        float[] packedWeight;
        if (keep) {
            packedWeight = workspace.get(RecurrentWorkspace.Slot.PACKED_FORWARD, cells.packedSize(hidden, gateWidth));
            cells.pack(weightHh.data(), weightHh.offset(), hidden, true, hidden, gateWidth, packedWeight);
        } else {
            packedWeight = PackedWeightCache.get().pack(cells, weightHh, hidden, true,
                    hidden, gateWidth);
        }
        float[] packed = new float[batch * width * hidden];
        float[] hiddenBias = null;
        float[] hiddenProduct = null;
        if (cell == Recurrence.Cell.GRU) {
            hiddenN = keep ? RecurrentWorkspace.kept(count * hidden) : workspace.get(RecurrentWorkspace.Slot.HIDDEN_N,
                    count * hidden);
            hiddenBias = bHh == null ? null : bHh.toFloatArray();
            hiddenProduct = workspace.get(RecurrentWorkspace.Slot.HIDDEN_PRODUCT, batch * gateWidth);
        }
        boolean startsAtZero = h0 == null;
        float[] gruBias = hiddenBias;
        float[] gruProduct = hiddenProduct;
        Parallel.forChunks(batch, ROW_GRAIN, (first, end) -> {
            for (int s = 0; s < steps; s++) {
                if (!projectFirst) {
                    project(packedInput, inputBias, s * batch + first, s * batch + end);
                }
                if (cell == Recurrence.Cell.GRU) {
                    cells.productRows(end - first, hidden, gateWidth, rows, hiddenAt(s, first), rowWidth,
                            packedWeight, gruBias, 0, false, gruProduct, first * gateWidth, gateWidth);
                } else if (s > 0 || !startsAtZero) {
                    // From a zero state the product is zero: the gates are the input projection.
                    cells.productRows(end - first, hidden, gateWidth, rows, hiddenAt(s, first), rowWidth,
                            packedWeight, null, 0, true, gates, (s * batch + first) * gateWidth, gateWidth);
                }
                forwardStep(s, first, end, gruProduct, packed);
            }
        });
        for (int n = 0; n < batch; n++) {
            System.arraycopy(rows, hiddenAt(steps, n), packed, (n * width + outputSteps) * hidden, hidden);
            if (cellStates != null) {
                System.arraycopy(cellStates, (steps * batch + n) * hidden, packed, (n * width + outputSteps + 1) * hidden,
                        hidden);
            }
        }
        Tensor result = Tensor.wrap(packed, Shape.of(batch, width, hidden));
        Node.Backward backward = new Node.Backward() {
            @Override
            public Tensor[] apply(Tensor g) {
                return backward(g, input, h0, c0, bIh, bHh);
            }

            @Override
            public void released() {
                RecurrentWorkspace.giveBack(rows, gates, cellStates, tanhCells, hiddenN);
            }
        };
        return Autograd.record("recurrence", result, backward, input, h0, c0, wIh, wHh, bIh, bHh);
    }

    /** W_ih packed for {@link #project}: once per call when gradients are kept, else from the {@link PackedWeightCache}. */
    private float[] packedInputWeight(RecurrentWorkspace workspace, boolean keep) {
        if (!keep) {
            return PackedWeightCache.get().pack(cells, weightIh, features, true, features, gateWidth);
        }
        float[] packedWeight = workspace.get(RecurrentWorkspace.Slot.PACKED_INPUT, cells.packedSize(features, gateWidth));
        cells.pack(weightIh.data(), weightIh.offset(), features, true, features, gateWidth, packedWeight);
        return packedWeight;
    }

    /**
     * {@code gates = x·W_ihᵀ + bias} for rows [first, end) of all T·N (step-major), the bias added
     * in the registers; each row's result does not depend on the rows computed with it, so
     * projecting all steps at once or a block's rows step by step gives the same bits.
     */
    private void project(float[] packedWeight, float[] bias, int first, int end) {
        cells.productRows(end - first, features, gateWidth, rows, first * rowWidth, rowWidth, packedWeight, bias, 0,
                false, gates, first * gateWidth, gateWidth);
    }

    private static boolean anyRequiresGrad(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** The rows: each step's input, a 1 after the hidden state, and the initial hidden state (zeros when none). */
    private void fillRows(Tensor x, Tensor h0) {
        for (int s = 0; s < steps; s++) {
            for (int n = 0; n < batch; n++) {
                int row = (s * batch + n) * rowWidth;
                System.arraycopy(x.data(), x.offset() + (n * steps + time(s)) * features, rows, row, features);
                rows[row + rowWidth - 1] = 1f;
            }
        }
        Tensor h = h0 == null ? null : h0.contiguousData();
        for (int n = 0; n < batch; n++) {
            if (h == null) {
                java.util.Arrays.fill(rows, hiddenAt(0, n), hiddenAt(0, n) + hidden, 0f);
            } else {
                System.arraycopy(h.data(), h.offset() + n * hidden, rows, hiddenAt(0, n), hidden);
            }
        }
    }

    /** The gate update of rows [first, end) at step s, after their hidden product. */
    private void forwardStep(int s, int first, int end, float[] hiddenProduct, float[] packed) {
        int t = time(s);
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
            if (outputSteps > 0) {
                System.arraycopy(rows, nextH, packed, (n * width + t) * hidden, hidden);
            }
        }
    }

    private Tensor[] backward(Tensor g, Tensor input, Tensor h0, Tensor c0, Tensor bIh, Tensor bHh) {
        Tensor gradient = g.contiguousData();
        float[] gp = gradient.data();
        int go = gradient.offset();
        RecurrentWorkspace workspace = RecurrentWorkspace.get();
        boolean needH0 = h0 != null && h0.requiresGrad();
        float[] dh = needH0 ? new float[batch * hidden]
                : workspace.get(RecurrentWorkspace.Slot.HIDDEN_GRADIENT, batch * hidden);
        boolean needC0 = c0 != null && c0.requiresGrad();
        float[] dc = cellStates == null ? null : needC0 ? new float[batch * hidden]
                : workspace.get(RecurrentWorkspace.Slot.CELL_GRADIENT, batch * hidden);
        for (int n = 0; n < batch; n++) {
            System.arraycopy(gp, go + (n * width + outputSteps) * hidden, dh, n * hidden, hidden);
            if (dc != null) {
                System.arraycopy(gp, go + (n * width + outputSteps + 1) * hidden, dc, n * hidden, hidden);
            }
        }
        int count = steps * batch;
        float[] dGates = workspace.get(RecurrentWorkspace.Slot.GATE_GRADIENTS, count * gateWidth);
        float[] dHiddenGates = cell == Recurrence.Cell.GRU
                ? workspace.get(RecurrentWorkspace.Slot.HIDDEN_GATE_GRADIENTS, count * gateWidth) : dGates;
        float[] packedWeight = workspace.get(RecurrentWorkspace.Slot.PACKED_BACKWARD,
                cells.packedSize(gateWidth, hidden));
        cells.pack(weightHh.data(), weightHh.offset(), hidden, false, gateWidth, hidden, packedWeight);
        Parallel.forChunks(batch, ROW_GRAIN, (first, end) -> {
            for (int s = steps - 1; s >= 0; s--) {
                backwardStep(s, first, end, gp, go, dh, dc, dGates, dHiddenGates);
                if (s > 0 || needH0) {
                    cells.productRows(end - first, gateWidth, hidden, dHiddenGates, (s * batch + first) * gateWidth,
                            gateWidth, packedWeight, null, 0, true, dh, first * hidden, hidden);
                }
            }
        });
        Tensor[] grads = new Tensor[7];
        if (input.requiresGrad()) {
            grads[0] = inputGradient(dGates);
        }
        grads[1] = needH0 ? Tensor.wrap(dh, Shape.of(batch, hidden)) : null;
        grads[2] = needC0 ? Tensor.wrap(dc, Shape.of(batch, hidden)) : null;
        if (cell == Recurrence.Cell.GRU) {
            float[] inputSide = product(dGates, 0, features);
            float[] hiddenSide = product(dHiddenGates, features, hidden + 1);
            grads[3] = RecurrentWeightGradients.columns(inputSide, gateWidth, 0, features);
            grads[4] = RecurrentWeightGradients.columns(hiddenSide, gateWidth, 0, hidden);
            grads[5] = bIh == null ? null : biasGradient(dGates);
            grads[6] = bHh == null ? null : RecurrentWeightGradients.column(hiddenSide, gateWidth, hidden);
        } else {
            float[] all = product(dGates, 0, rowWidth);
            grads[3] = RecurrentWeightGradients.columns(all, gateWidth, 0, features);
            grads[4] = RecurrentWeightGradients.columns(all, gateWidth, features, features + hidden);
            grads[5] = bIh == null ? null : RecurrentWeightGradients.column(all, gateWidth, rowWidth - 1);
            grads[6] = bHh == null ? null : RecurrentWeightGradients.column(all, gateWidth, rowWidth - 1);
        }
        return grads;
    }

    /**
     * Rows [first, end) at step s: the gate gradients from dh (plus the output's gradient) and
     * dc; padded steps give zero gate gradients and pass dh and dc through.
     */
    private void backwardStep(int s, int first, int end, float[] gp, int go, float[] dh, float[] dc, float[] dGates,
            float[] dHidden) {
        int t = time(s);
        for (int n = first; n < end; n++) {
            int g = (s * batch + n) * gateWidth;
            if (!real(s, n)) {
                java.util.Arrays.fill(dGates, g, g + gateWidth, 0f);
                if (dHidden != dGates) {
                    java.util.Arrays.fill(dHidden, g, g + gateWidth, 0f);
                }
                continue;
            }
            int state = (s * batch + n) * hidden;
            int h = n * hidden;
            if (outputSteps > 0) {
                k.axpy(hidden, 1f, gp, go + (n * width + t) * hidden, dh, h);
            }
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

    /** The weight gradient's transpose over {@code columns} columns of the rows from {@code first}. */
    private float[] product(float[] dG, int first, int columns) {
        return RecurrentWeightGradients.product(k, rows, rowWidth, first, columns, dG, gateWidth, steps * batch);
    }

    private Tensor biasGradient(float[] dGates) {
        float[] out = new float[gateWidth];
        k.columnSums(dGates, 0, gateWidth, steps * batch, gateWidth, out, 0);
        return Tensor.wrap(out, Shape.of(gateWidth));
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
