package dev.nabla.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * One direction of one recurrent layer over a whole batch of sequences, as one op (what
 * PyTorch's {@code nn.LSTM}, {@code nn.GRU} and {@code nn.RNN} run per layer and direction).
 *
 * <p>The weights are PyTorch's: {@code weightIh [G·H, I]}, {@code weightHh [G·H, H]},
 * {@code biasIh} and {@code biasHh [G·H]} (either may be null), with the gates stacked in
 * PyTorch's order, G of them: i, f, g, o for the LSTM; r, z, n for the GRU (the reset gate
 * multiplies the hidden product, which includes its bias, as Keras's {@code reset_after});
 * one for the plain RNN.
 *
 * <p>The input projection of every step is one product; each step then adds the hidden product
 * (with the hidden weight packed once per sequence) and makes one fused pass per batch row for
 * the gates and the state update ({@link dev.nabla.kernels.RecurrentCells}); each thread takes
 * whole blocks of batch rows through all the steps. Backward through time is one node: it
 * reuses the stored activations and does one product per step for the hidden gradient, and
 * one GEMM each for the input and weight gradients over all steps. Nothing is allocated per
 * step; scratch is per thread, and the activations kept for backward are reused once the
 * graph is released.
 *
 * <p>A mask {@code [N, T]} (1 for a real step, 0 for padding) makes the padded steps leave the
 * state unchanged and output zeros, so that the final state is each sequence's own last step
 * and a reverse direction starts at each sequence's own end: PyTorch's results on a
 * {@code pack_padded_sequence} of right-padded sequences.
 */
public final class Recurrence {

    /** The recurrent cells. */
    public enum Cell {
        /** PyTorch's {@code RNN(nonlinearity='tanh')}, Keras's {@code SimpleRNN}. */
        RNN_TANH(1, 1),
        /** PyTorch's {@code RNN(nonlinearity='relu')}. */
        RNN_RELU(1, 1),
        /** Long short-term memory: gates i, f, g, o; states h and c. */
        LSTM(4, 2),
        /** Gated recurrent unit: gates r, z, n; state h. */
        GRU(3, 1);

        private final int gates;
        private final int states;

        Cell(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }

        /** How many gate blocks of {@code hidden} rows the weights stack. */
        public int gates() {
            return gates;
        }

        /** How many state tensors the cell carries: 2 (h, c) for the LSTM, else 1. */
        public int states() {
            return states;
        }
    }

    private Recurrence() {
    }

    /**
     * Runs the cell over every step of {@code input [N, T, I]} (batch first), from
     * {@code h0 [N, H]} (and {@code c0} for the LSTM; null for zeros), in reverse time order
     * when {@code reverse}. Returns the output {@code [N, T, H]} (the hidden state after each
     * step, at that step's position), the final hidden state {@code [N, H]}, and for the LSTM
     * the final cell state {@code [N, H]}.
     */
    public static List<Tensor> run(Cell cell, Tensor input, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh,
            Tensor biasIh, Tensor biasHh, Tensor mask, boolean reverse) {
        return run(cell, input, h0, c0, weightIh, weightHh, biasIh, biasHh, mask, reverse, true);
    }

    /**
     * {@link #run(Cell, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, boolean) run},
     * and with {@code sequence} false only the final states: the first element of the list is
     * then null, and neither the output sequence nor its gradient is ever made (a layer that
     * returns only its last hidden state).
     */
    public static List<Tensor> run(Cell cell, Tensor input, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh,
            Tensor biasIh, Tensor biasHh, Tensor mask, boolean reverse, boolean sequence) {
        int hidden = weightHh.rank() == 2 ? weightHh.dim(1) : -1;
        check(cell, input, weightIh, weightHh, biasIh, biasHh, hidden);
        int batch = input.dim(0);
        int steps = input.dim(1);
        checkState("h0", h0, batch, hidden);
        checkState("c0", cell == Cell.LSTM ? c0 : null, batch, hidden);
        if (mask != null && !Arrays.equals(mask.shape().toArray(), new int[] {batch, steps})) {
            throw new IllegalArgumentException("recurrence: the mask must have shape [" + batch + ", " + steps
                    + "] (batch, time) for an input of shape " + input.shape() + ", got " + mask.shape());
        }
        RecurrentSequence recurrence = new RecurrentSequence(cell, batch, steps, input.dim(2), hidden, reverse,
                mask == null ? null : mask.toFloatArray(), sequence);
        Tensor packed = recurrence.forward(input, h0, cell == Cell.LSTM ? c0 : null, weightIh, weightHh, biasIh,
                biasHh);
        int at = sequence ? steps : 0;
        Tensor output = sequence ? packed.slice(1, 0, steps) : null;
        Tensor h = packed.slice(1, at, at + 1).squeeze(1);
        return cell == Cell.LSTM ? Arrays.asList(output, h, packed.slice(1, at + 1, at + 2).squeeze(1))
                : Arrays.asList(output, h);
    }

    private static void check(Cell cell, Tensor input, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
            int hidden) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("recurrence: expected an input of shape [batch, time, features], got "
                    + input.shape());
        }
        int rows = cell.gates() * hidden;
        if (hidden < 1 || weightHh.dim(0) != rows) {
            throw new IllegalArgumentException("recurrence: " + cell + " needs weight_hh of shape [" + cell.gates()
                    + "·hidden, hidden], got " + weightHh.shape());
        }
        if (!Arrays.equals(weightIh.shape().toArray(), new int[] {rows, input.dim(2)})) {
            throw new IllegalArgumentException("recurrence: an input of shape " + input.shape() + " needs weight_ih"
                    + " of shape [" + rows + ", " + input.dim(2) + "], got " + weightIh.shape());
        }
        for (Tensor bias : new Tensor[] {biasIh, biasHh}) {
            if (bias != null && !Arrays.equals(bias.shape().toArray(), new int[] {rows})) {
                throw new IllegalArgumentException("recurrence: the biases must have shape [" + rows + "], got "
                        + bias.shape());
            }
        }
    }

    private static void checkState(String name, Tensor state, int batch, int hidden) {
        if (state != null && !Arrays.equals(state.shape().toArray(), new int[] {batch, hidden})) {
            throw new IllegalArgumentException("recurrence: the initial state " + name + " must have shape [" + batch
                    + ", " + hidden + "] (batch, hidden), got " + state.shape());
        }
    }
}
