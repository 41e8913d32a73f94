package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * A lookup table of learned vectors (PyTorch {@code nn.Embedding}, Keras {@code Embedding}):
 * integral indices of any shape {@code [*]} → {@code [*, embeddingDim]}, row {@code i} of
 * the weight {@code [numEmbeddings, embeddingDim]} for index {@code i}.
 *
 * <p>Indices may be INT32 or float tensors holding whole numbers; each must lie in
 * {@code [0, numEmbeddings)}. The weight starts N(0, 1), as in PyTorch (Keras draws
 * uniform in ±0.05). An optional padding index (PyTorch's {@code padding_idx}; negative
 * counts from the end) names a row that starts at zero and receives no gradient, so it
 * stays as it is while training. The state dict holds {@code weight}.
 *
 * <p>With {@link #maskZero(boolean) maskZero} (Keras's {@code mask_zero}), index 0 marks padding:
 * the output of indices {@code [N, T]} carries a mask {@code [N, T]} ({@link Masks}) that a
 * recurrent layer reading it honours.
 */
public class Embedding extends Layer {

    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIndex;
    private final Parameter weight;
    private boolean maskZero;

    /** A table of {@code numEmbeddings} vectors of size {@code embeddingDim}. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** A table whose row {@code paddingIndex} (negative: from the end) starts at zero and is never trained. */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIndex) {
        this(numEmbeddings, embeddingDim, Integer.valueOf(paddingIndex));
    }

    private Embedding(int numEmbeddings, int embeddingDim, Integer paddingIndex) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be at least 1, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        if (paddingIndex != null && (paddingIndex < -numEmbeddings || paddingIndex >= numEmbeddings)) {
            throw new IllegalArgumentException("Embedding: paddingIndex " + paddingIndex + " is out of range for "
                    + numEmbeddings + " embeddings");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIndex = paddingIndex == null ? -1 : Math.floorMod(paddingIndex, numEmbeddings);
        this.weight = addParameter("weight", Tensor.randn(generator(), numEmbeddings, embeddingDim));
        if (this.paddingIndex >= 0) {
            try (NoGrad ignored = NoGrad.enter()) {
                weight.value().slice(0, this.paddingIndex, this.paddingIndex + 1).assign(Tensor.zeros(1, embeddingDim));
            }
        }
    }

    @Override
    protected Tensor call(Tensor indices) {
        int[] idx = checkedIndices(indices);
        Tensor rows = weight.value().indexSelect(0, idx);
        if (paddingIndex >= 0) {
            // Padding positions read the row but pass no gradient to it, as PyTorch's backward.
            Tensor isPadding = Tensor.of(indices.toFloatArray(), idx.length, 1).eq((float) paddingIndex);
            rows = Tensor.where(isPadding, rows.detach(), rows);
        }
        int[] shape = Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        shape[indices.rank()] = embeddingDim;
        Tensor output = rows.reshape(shape);
        return maskZero && indices.rank() == 2 ? Masks.attach(output, indices.to(dev.nabla.tensor.DType.FLOAT32).ne(
                Tensor.scalar(0f))) : output;
    }

    /** Index 0 marks padding: outputs for {@code [N, T]} indices carry a mask (Keras's {@code mask_zero}). Returns this. */
    public Embedding maskZero(boolean value) {
        maskZero = value;
        return this;
    }

    /** Whether index 0 marks padding. */
    public boolean masksZero() {
        return maskZero;
    }

    private int[] checkedIndices(Tensor indices) {
        float[] values = indices.toFloatArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(path() + ": index " + v + " at flat position " + i
                        + " of the input " + indices.shape() + " is not a whole number");
            }
            if (v < 0 || v >= numEmbeddings) {
                throw new IndexOutOfBoundsException(path() + ": index " + (long) v + " at flat position " + i
                        + " of the input " + indices.shape() + " is out of range for " + numEmbeddings
                        + " embeddings (valid: 0 to " + (numEmbeddings - 1) + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** The table, {@code [numEmbeddings, embeddingDim]}. */
    public Parameter weight() {
        return weight;
    }

    /** The number of rows. */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /** The size of each vector. */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row, or -1 without one. */
    public int paddingIndex() {
        return paddingIndex;
    }

    @Override
    protected String describe() {
        return numEmbeddings + ", " + embeddingDim + (paddingIndex >= 0 ? ", paddingIndex=" + paddingIndex : "");
    }
}
