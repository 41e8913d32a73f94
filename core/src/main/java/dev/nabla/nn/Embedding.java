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
 * recurrent layer reading it honours. A mask already on the indices (a batch's, attached by
 * {@code Model.fit}) is passed on, combined with the zeros' when both are there.
 */
public class Embedding extends Layer {

    /**
     * An embedding table's settings.
     *
     * @param numEmbeddings the number of rows, the vocabulary size (at least 1)
     * @param embeddingDim  the size of each vector (at least 1)
     * @param paddingIndex  a row (negative: from the end) that starts at zero and is never trained, or null for none
     * @param maskZero      whether index 0 marks padding, so outputs carry a mask (Keras's {@code mask_zero})
     */
    public record Config(int numEmbeddings, int embeddingDim, Integer paddingIndex, boolean maskZero) {

        /** Checks the sizes and the padding row. */
        public Config {
            if (numEmbeddings < 1 || embeddingDim < 1) {
                throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be at least 1, got "
                        + numEmbeddings + " and " + embeddingDim);
            }
            if (paddingIndex != null && (paddingIndex < -numEmbeddings || paddingIndex >= numEmbeddings)) {
                throw new IllegalArgumentException("Embedding: paddingIndex " + paddingIndex + " is out of range for "
                        + numEmbeddings + " embeddings");
            }
        }

        /** A table of {@code numEmbeddings} vectors of size {@code embeddingDim}, without a padding row. */
        public static Config of(int numEmbeddings, int embeddingDim) {
            return new Config(numEmbeddings, embeddingDim, null, false);
        }

        /** The same with a padding row (PyTorch's {@code padding_idx}). */
        public Config paddingIndex(int row) {
            return new Config(numEmbeddings, embeddingDim, row, maskZero);
        }

        /** The same with index 0 marking padding or not (Keras's {@code mask_zero}). */
        public Config maskZero(boolean value) {
            return new Config(numEmbeddings, embeddingDim, paddingIndex, value);
        }
    }

    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIndex;
    private final Parameter weight;
    private boolean maskZero;

    /** A table of {@code numEmbeddings} vectors of size {@code embeddingDim} (Keras's {@code Embedding(input_dim, output_dim)}). */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(Config.of(numEmbeddings, embeddingDim));
    }

    /** A table with the given settings: {@code new Embedding(Embedding.Config.of(1000, 64).paddingIndex(0))}. */
    public Embedding(Config config) {
        int numEmbeddings = config.numEmbeddings();
        int embeddingDim = config.embeddingDim();
        Integer paddingIndex = config.paddingIndex();
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIndex = paddingIndex == null ? -1 : Math.floorMod(paddingIndex, numEmbeddings);
        this.maskZero = config.maskZero();
        this.weight = addParameter("weight", Tensor.randn(generator(), numEmbeddings, embeddingDim));
        if (this.paddingIndex >= 0) {
            try (NoGrad ignored = NoGrad.enter()) {
                weight.value().slice(0, this.paddingIndex, this.paddingIndex + 1).assign(Tensor.zeros(1, embeddingDim));
            }
        }
    }

    /**
     * An embedding whose table is {@code weights}, {@code [numEmbeddings, embeddingDim]} (pretrained
     * word vectors, {@code WordVectors.matrix}), frozen when {@code freeze}: PyTorch's
     * {@code nn.Embedding.from_pretrained(weights, freeze)}.
     */
    public static Embedding fromPretrained(Tensor weights, boolean freeze) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("Embedding.fromPretrained: expected weights [numEmbeddings,"
                    + " embeddingDim], got " + weights.shape());
        }
        Embedding embedding = new Embedding(weights.shape().dim(0), weights.shape().dim(1));
        try (NoGrad ignored = NoGrad.enter()) {
            embedding.weight.value().assign(weights);
        }
        embedding.setTrainable(!freeze);
        return embedding;
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
        Tensor given = Masks.of(indices);
        if (!maskZero || indices.rank() != 2) {
            return given == null || indices.rank() != 2 ? output : Masks.attach(output, given);
        }
        Tensor nonZero = indices.to(dev.nabla.tensor.DType.FLOAT32).ne(Tensor.scalar(0f));
        return Masks.attach(output, given == null ? nonZero : nonZero.mul(given));
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

    /** The settings, the padding row counted from the start. */
    public Config config() {
        return new Config(numEmbeddings, embeddingDim, paddingIndex < 0 ? null : paddingIndex, maskZero);
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
