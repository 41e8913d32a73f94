package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.RecurrentCells;

/**
 * {@link Recurrence#run}'s forward and backward through time, and what backward keeps from
 * forward. Every step-indexed array is in processing order (step s reads time
 * {@code reverse ? T−1−s : s}) and time-major, so that one step's rows are contiguous for the
 * per-step GEMM and all steps' rows are one matrix for the input and weight GEMMs:
 * {@code inputs [T·N, I]}, {@code gates [T·N, G·H]}, {@code hidden [(T+1)·N, H]} (the initial
 * state, then the state after each step). The result is one tensor {@code [N, T + S, H]}: the
 * output at each step, then the S final states, which {@link Recurrence} hands out as views.
 */
final class RecurrentSequence {

    /** Rows of the fused step per chunk of work: about 16k gate values. */
    private static final int ROW_GRAIN_VALUES = 1 << 14;

    private final Recurrence.Cell cell;
    private final int batch;
    private final int steps;
    private final int features;
    private final int hidden;
    private final int gateWidth;
    private final int width;
    private final boolean reverse;
    private final float[] mask;
    private final Kernels k = KernelProvider.get();
    private final RecurrentCells cells = new RecurrentCells(k);
    private float[] inputs;
    private float[] gates;
    private float[] hiddenStates;
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

    Tensor forward(Tensor input, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        weightIh = wIh.contiguousData();
        weightHh = wHh.contiguousData();
        Tensor x = input.contiguousData();
        inputs = new float[steps * batch * features];
        for (int s = 0; s < steps; s++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(x.storage, x.offset + (n * steps + time(s)) * features, inputs,
                        (s * batch + n) * features, features);
            }
        }
        int rows = steps * batch;
        gates = new float[rows * gateWidth];
        k.gemm(false, true, rows, gateWidth, features, 1f, inputs, 0, Math.max(features, 1), weightIh.storage,
                weightIh.offset, Math.max(features, 1), 0f, gates, 0, gateWidth);
        float[] inputBias = sum(bIh, cell == Recurrence.Cell.GRU ? null : bHh);
        if (inputBias != null) {
            k.biasActivation(null, 0f, gates, 0, inputBias, 0, gates, 0, rows, gateWidth);
        }
        hiddenStates = initialState(h0);
        if (cell == Recurrence.Cell.LSTM) {
            cellStates = initialState(c0);
            tanhCells = new float[rows * hidden];
        }
        float[] packed = new float[batch * width * hidden];
        if (cell == Recurrence.Cell.GRU) {
            hiddenN = new float[rows * hidden];
            float[] hiddenBias = bHh == null ? null : bHh.toFloatArray();
            float[] hiddenProduct = new float[batch * gateWidth];
            for (int s = 0; s < steps; s++) {
                hiddenProduct(s, hiddenProduct, 0, 0f);
                if (hiddenBias != null) {
                    k.biasActivation(null, 0f, hiddenProduct, 0, hiddenBias, 0, hiddenProduct, 0, batch, gateWidth);
                }
                forwardStep(s, hiddenProduct, packed);
            }
        } else {
            for (int s = 0; s < steps; s++) {
                hiddenProduct(s, gates, s * batch * gateWidth, 1f);
                forwardStep(s, null, packed);
            }
        }
        for (int n = 0; n < batch; n++) {
            System.arraycopy(hiddenStates, (steps * batch + n) * hidden, packed, (n * width + steps) * hidden, hidden);
            if (cellStates != null) {
                System.arraycopy(cellStates, (steps * batch + n) * hidden, packed, (n * width + steps + 1) * hidden,
                        hidden);
            }
        }
        Tensor result = Tensor.wrap(packed, Shape.of(batch, width, hidden));
        return Autograd.record("recurrence", result, g -> backward(g, input, h0, c0, bIh, bHh),
                input, h0, c0, wIh, wHh, bIh, bHh);
    }

    /** {@code target[step s rows] = beta·target + hidden(s)·W_hhᵀ}. */
    private void hiddenProduct(int s, float[] target, int offset, float beta) {
        k.gemm(false, true, batch, gateWidth, hidden, 1f, hiddenStates, s * batch * hidden, hidden, weightHh.storage,
                weightHh.offset, hidden, beta, target, offset, gateWidth);
    }

    private void forwardStep(int s, float[] hiddenProduct, float[] packed) {
        int t = time(s);
        Parallel.forChunks(batch, Math.max(1, ROW_GRAIN_VALUES / gateWidth), (first, end) -> {
            for (int n = first; n < end; n++) {
                int row = s * batch + n;
                int previous = row * hidden;
                int next = previous + batch * hidden;
                if (!real(s, n)) {
                    System.arraycopy(hiddenStates, previous, hiddenStates, next, hidden);
                    if (cellStates != null) {
                        System.arraycopy(cellStates, previous, cellStates, next, hidden);
                    }
                    continue;
                }
                int g = row * gateWidth;
                switch (cell) {
                    case LSTM -> cells.lstm(hidden, gates, g, cellStates, previous, cellStates, next, tanhCells,
                            previous, hiddenStates, next);
                    case GRU -> cells.gru(hidden, gates, g, hiddenProduct, n * gateWidth, hiddenStates, previous,
                            hiddenN, previous, hiddenStates, next);
                    case RNN_TANH, RNN_RELU -> cells.rnn(hidden, cell == Recurrence.Cell.RNN_RELU, gates, g,
                            hiddenStates, next);
                }
                System.arraycopy(hiddenStates, next, packed, (n * width + t) * hidden, hidden);
            }
        });
    }

    private Tensor[] backward(Tensor g, Tensor input, Tensor h0, Tensor c0, Tensor bIh, Tensor bHh) {
        Tensor gradient = g.contiguousData();
        float[] gp = gradient.storage;
        int go = gradient.offset;
        float[] dh = new float[batch * hidden];
        float[] dc = cellStates == null ? null : new float[batch * hidden];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(gp, go + (n * width + steps) * hidden, dh, n * hidden, hidden);
            if (dc != null) {
                System.arraycopy(gp, go + (n * width + steps + 1) * hidden, dc, n * hidden, hidden);
            }
        }
        int rows = steps * batch;
        float[] dGates = new float[rows * gateWidth];
        float[] dHiddenGates = cell == Recurrence.Cell.GRU ? new float[rows * gateWidth] : dGates;
        for (int s = steps - 1; s >= 0; s--) {
            backwardStep(s, gp, go, dh, dc, dGates, dHiddenGates);
            k.gemm(false, false, batch, hidden, gateWidth, 1f, dHiddenGates, s * batch * gateWidth, gateWidth,
                    weightHh.storage, weightHh.offset, hidden, 1f, dh, 0, hidden);
        }
        Tensor[] grads = new Tensor[7];
        if (input.requiresGrad()) {
            grads[0] = inputGradient(dGates);
        }
        grads[1] = h0 != null && h0.requiresGrad() ? Tensor.wrap(dh, Shape.of(batch, hidden)) : null;
        grads[2] = c0 != null && c0.requiresGrad() ? Tensor.wrap(dc, Shape.of(batch, hidden)) : null;
        grads[3] = product(dGates, inputs, features);
        grads[4] = product(dHiddenGates, hiddenStates, hidden);
        grads[5] = bIh == null ? null : columnSums(dGates);
        grads[6] = bHh == null ? null : columnSums(dHiddenGates);
        return grads;
    }

    private void backwardStep(int s, float[] gp, int go, float[] dh, float[] dc, float[] dGates, float[] dHidden) {
        int t = time(s);
        Parallel.forChunks(batch, Math.max(1, ROW_GRAIN_VALUES / gateWidth), (first, end) -> {
            for (int n = first; n < end; n++) {
                if (!real(s, n)) {
                    continue;
                }
                int row = s * batch + n;
                int state = row * hidden;
                int g = row * gateWidth;
                int h = n * hidden;
                k.axpy(hidden, 1f, gp, go + (n * width + t) * hidden, dh, h);
                switch (cell) {
                    case LSTM -> cells.lstmBackward(hidden, gates, g, cellStates, state, tanhCells, state, dh, h,
                            dc, h, dGates, g);
                    case GRU -> cells.gruBackward(hidden, gates, g, hiddenStates, state, hiddenN, state, dh, h,
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
        int rows = steps * batch;
        float[] timeMajor = new float[rows * features];
        k.gemm(false, false, rows, features, gateWidth, 1f, dGates, 0, gateWidth, weightIh.storage, weightIh.offset,
                Math.max(features, 1), 0f, timeMajor, 0, Math.max(features, 1));
        float[] dx = new float[rows * features];
        for (int s = 0; s < steps; s++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(timeMajor, (s * batch + n) * features, dx, (n * steps + time(s)) * features, features);
            }
        }
        return Tensor.wrap(dx, Shape.of(batch, steps, features));
    }

    /** A weight's gradient dGᵀ·rows: [G·H, T·N] · [T·N, columns]. */
    private Tensor product(float[] dGates, float[] rowsOf, int columns) {
        float[] out = new float[gateWidth * columns];
        k.gemm(true, false, gateWidth, columns, steps * batch, 1f, dGates, 0, gateWidth, rowsOf, 0,
                Math.max(columns, 1), 0f, out, 0, Math.max(columns, 1));
        return Tensor.wrap(out, Shape.of(gateWidth, columns));
    }

    private Tensor columnSums(float[] dGates) {
        float[] out = new float[gateWidth];
        k.columnSums(dGates, 0, gateWidth, steps * batch, gateWidth, out, 0);
        return Tensor.wrap(out, Shape.of(gateWidth));
    }

    private float[] initialState(Tensor state) {
        float[] states = new float[(steps + 1) * batch * hidden];
        if (state != null) {
            Tensor s = state.contiguousData();
            System.arraycopy(s.storage, s.offset, states, 0, batch * hidden);
        }
        return states;
    }

    private static float[] sum(Tensor a, Tensor b) {
        if (a == null && b == null) {
            return null;
        }
        float[] out = a == null ? new float[b.size()] : a.toFloatArray();
        if (b != null) {
            float[] other = b.toFloatArray();
            for (int i = 0; i < out.length; i++) {
                out[i] += other[i];
            }
        }
        return out;
    }
}
