package dev.nabla.nn;

import dev.nabla.tensor.InvertedDropout;
import dev.nabla.tensor.Recurrence;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SimpleRnn}, {@link Lstm} and {@link Gru} share (PyTorch's {@code nn.RNNBase}):
 * {@code [N, T, features]} (batch first, Keras's layout; {@link #batchFirst(boolean) batchFirst(false)}
 * for PyTorch's default {@code [T, N, features]}) → {@code [N, T, D·units]} with
 * {@link #returnSequences}, else the last hidden state {@code [N, D·units]} (D = 2 when
 * bidirectional, the two directions concatenated).
 *
 * <p>Parameters are PyTorch's, with its names and layouts, so a PyTorch state dict loads:
 * {@code weight_ih_l0 [G·units, features]}, {@code weight_hh_l0 [G·units, units]},
 * {@code bias_ih_l0}, {@code bias_hh_l0 [G·units]}, then {@code ..._reverse} for the backward
 * direction and {@code ..._l1} for a second layer; all start uniform in ±1/√units, as in PyTorch.
 *
 * <p>With {@link #returnState}, {@link #forwardAll} also gives the final hidden state (and the
 * LSTM's final cell state): {@code [N, units]} for one layer in one direction, else
 * {@code [layers·D, N, units]} as PyTorch's {@code h_n}. Initial states are optional further
 * inputs of those same shapes: {@code forwardAll(List.of(x, h0, c0))}. A mask attached to the
 * input ({@link Masks}) makes padded steps leave the state unchanged.
 */
public abstract class RecurrentLayer extends Layer {

    private final Recurrence.Cell cell;
    private final int units;
    private int numLayers = 1;
    private boolean bidirectional;
    private float dropout;
    private boolean batchFirst = true;
    private boolean returnSequences;
    private boolean returnState;
    private boolean useBias = true;
    /** Set on {@link Bidirectional}'s backward copy: reads each sequence from its own end. */
    private boolean reverse;
    private int inputSize = -1;

    protected RecurrentLayer(Recurrence.Cell cell, int units) {
        if (units < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": units must be at least 1, got " + units);
        }
        this.cell = cell;
        this.units = units;
    }

    /** A new, unbuilt layer of this class with the same cell and units (and no other setting). */
    protected abstract RecurrentLayer blank();

    /** Recurrent layers stacked, each reading the previous one's output sequence (PyTorch's {@code num_layers}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L numLayers(int value) {
        unbuilt("numLayers");
        if (value < 1) {
            throw new IllegalArgumentException(path() + ": numLayers must be at least 1, got " + value);
        }
        numLayers = value;
        return (L) this;
    }

    /** Runs a second set of layers backward over each sequence and concatenates (PyTorch's {@code bidirectional}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L bidirectional(boolean value) {
        unbuilt("bidirectional");
        bidirectional = value;
        return (L) this;
    }

    /** Dropout on the outputs of every layer but the last, while training (PyTorch's {@code dropout}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(path() + ": dropout must be in [0, 1), got " + rate);
        }
        dropout = rate;
        return (L) this;
    }

    /** Batch first {@code [N, T, F]} (true, the default, as Keras) or time first {@code [T, N, F]} (PyTorch's default). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L batchFirst(boolean value) {
        batchFirst = value;
        return (L) this;
    }

    /** Returns the whole output sequence rather than the last hidden state (Keras's {@code return_sequences}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L returnSequences(boolean value) {
        returnSequences = value;
        return (L) this;
    }

    /** Also returns the final states from {@link #forwardAll} (Keras's {@code return_state}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L returnState(boolean value) {
        returnState = value;
        return (L) this;
    }

    /** With or without the biases (PyTorch's {@code bias}, Keras's {@code use_bias}). */
    @SuppressWarnings("unchecked")
    public <L extends RecurrentLayer> L useBias(boolean value) {
        unbuilt("useBias");
        useBias = value;
        return (L) this;
    }

    private void unbuilt(String setting) {
        if (isBuilt()) {
            throw new IllegalStateException(path() + ": set " + setting + " before the layer is built");
        }
    }

    /** A copy of this layer's settings, unbuilt, reading every sequence backward from its own end. */
    RecurrentLayer reversedCopy() {
        RecurrentLayer copy = blank();
        copy.numLayers = numLayers;
        copy.bidirectional = bidirectional;
        copy.dropout = dropout;
        copy.batchFirst = batchFirst;
        copy.returnSequences = returnSequences;
        copy.returnState = returnState;
        copy.useBias = useBias;
        copy.reverse = !reverse;
        return copy;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw shapeError(batchFirst ? "[batch, time, features]" : "[time, batch, features]", inputShape,
                    "give a sequence per sample (reshape images [N, 1, 28, 28] to [N, 28, 28]: 28 steps of 28 features)");
        }
        inputSize = inputShape.dim(2);
        float bound = 1f / (float) Math.sqrt(units);
        int rows = cell.gates() * units;
        for (int layer = 0; layer < numLayers; layer++) {
            int in = layer == 0 ? inputSize : units * directions();
            for (int direction = 0; direction < directions(); direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                addParameter("weight_ih" + suffix, Tensor.uniform(generator(), -bound, bound, rows, in));
                addParameter("weight_hh" + suffix, Tensor.uniform(generator(), -bound, bound, rows, units));
                if (useBias) {
                    addParameter("bias_ih" + suffix, Tensor.uniform(generator(), -bound, bound, rows));
                    addParameter("bias_hh" + suffix, Tensor.uniform(generator(), -bound, bound, rows));
                }
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardAll(List.of(input)).get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return forwardAll(inputs).get(0);
    }

    /** The output, then with {@link #returnState} the final hidden state and the LSTM's cell state. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        if (inputs.isEmpty() || inputs.size() > 1 + cell.states()) {
            throw new IllegalArgumentException(path() + ": takes the input and up to " + cell.states()
                    + " initial state" + (cell.states() == 1 ? "" : "s") + ", got " + inputs.size() + " inputs");
        }
        Tensor given = inputs.get(0);
        buildIfNeeded(given.shape());
        if (given.rank() != 3 || given.dim(2) != inputSize) {
            throw shapeError("[" + (batchFirst ? "batch, time, " : "time, batch, ") + inputSize + "]", given.shape());
        }
        Tensor mask = Masks.of(given);
        Tensor x = batchFirst ? given : given.transpose(0, 1);
        if (mask != null && !batchFirst) {
            mask = mask.transpose(0, 1);
        }
        int batch = x.dim(0);
        List<Tensor> h0 = initialStates(inputs, 1, batch);
        List<Tensor> c0 = initialStates(inputs, 2, batch);
        List<Tensor> hs = new ArrayList<>();
        List<Tensor> cs = new ArrayList<>();
        Tensor sequence = x;
        for (int layer = 0; layer < numLayers; layer++) {
            if (layer > 0 && dropout > 0f && isTraining()) {
                sequence = InvertedDropout.apply(sequence, generator(), dropout);
            }
            List<Tensor> outputs = new ArrayList<>();
            for (int direction = 0; direction < directions(); direction++) {
                int index = layer * directions() + direction;
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                // The last layer of one that returns only its final state never makes the output sequence.
                List<Tensor> run = Recurrence.run(cell, sequence, h0 == null ? null : h0.get(index),
                        c0 == null ? null : c0.get(index), value("weight_ih" + suffix), value("weight_hh" + suffix),
                        useBias ? value("bias_ih" + suffix) : null, useBias ? value("bias_hh" + suffix) : null,
                        mask, reverse != (direction == 1), returnSequences || layer < numLayers - 1);
                outputs.add(run.get(0));
                hs.add(run.get(1));
                if (run.size() > 2) {
                    cs.add(run.get(2));
                }
            }
            sequence = outputs.get(0) == null ? null
                    : outputs.size() == 1 ? outputs.get(0) : Tensor.concat(2, outputs.toArray(Tensor[]::new));
        }
        Tensor output;
        if (returnSequences) {
            output = batchFirst ? sequence : sequence.transpose(0, 1);
            if (mask != null) {
                Masks.attach(output, batchFirst ? mask : mask.transpose(0, 1));
            }
        } else {
            List<Tensor> last = hs.subList(hs.size() - directions(), hs.size());
            output = last.size() == 1 ? last.get(0) : Tensor.concat(1, last.toArray(Tensor[]::new));
        }
        if (!returnState) {
            return List.of(output);
        }
        List<Tensor> all = new ArrayList<>(List.of(output, states(hs)));
        if (!cs.isEmpty()) {
            all.add(states(cs));
        }
        return all;
    }

    private Tensor value(String name) {
        return namedParameters().get(name).value();
    }

    private Tensor states(List<Tensor> perLayer) {
        return perLayer.size() == 1 ? perLayer.get(0) : Tensor.stack(0, perLayer.toArray(Tensor[]::new));
    }

    /** Input {@code position}'s state per layer and direction, or null when not given. */
    private List<Tensor> initialStates(List<Tensor> inputs, int position, int batch) {
        if (inputs.size() <= position) {
            return null;
        }
        Tensor state = inputs.get(position);
        int count = numLayers * directions();
        Shape expected = count == 1 ? Shape.of(batch, units) : Shape.of(count, batch, units);
        if (!state.shape().equals(expected)) {
            throw new IllegalArgumentException(path() + ": initial state " + position + " must have shape " + expected
                    + " ([" + (count == 1 ? "" : "layers·directions, ") + "batch, units]), got " + state.shape());
        }
        if (count == 1) {
            return List.of(state);
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(state.slice(0, i, i + 1).squeeze(0));
        }
        return out;
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The cell this layer runs. */
    public Recurrence.Cell cell() {
        return cell;
    }

    /** The hidden size (Keras's {@code units}, PyTorch's {@code hidden_size}). */
    public int units() {
        return units;
    }

    /** The features per step, or -1 before the layer is built. */
    public int inputSize() {
        return inputSize;
    }

    /** The number of stacked layers. */
    public int numLayers() {
        return numLayers;
    }

    /** Whether there is a backward direction. */
    public boolean isBidirectional() {
        return bidirectional;
    }

    /** The dropout rate between stacked layers. */
    public float dropoutRate() {
        return dropout;
    }

    /** Whether the batch comes first. */
    public boolean isBatchFirst() {
        return batchFirst;
    }

    /** Whether the whole sequence is returned. */
    public boolean returnsSequences() {
        return returnSequences;
    }

    /** Whether the final states are returned too. */
    public boolean returnsState() {
        return returnState;
    }

    /** Whether there are biases. */
    public boolean hasBias() {
        return useBias;
    }

    /** Whether every sequence is read backward from its own end ({@link Bidirectional}'s backward layer). */
    public boolean isReversed() {
        return reverse;
    }

    @Override
    protected String describe() {
        return (inputSize >= 0 ? inputSize + ", " : "") + units + (numLayers > 1 ? ", numLayers=" + numLayers : "")
                + (bidirectional ? ", bidirectional" : "") + (dropout > 0f ? ", dropout=" + dropout : "")
                + (batchFirst ? "" : ", batchFirst=false") + (returnSequences ? ", returnSequences" : "")
                + (returnState ? ", returnState" : "") + (useBias ? "" : ", useBias=false");
    }
}
