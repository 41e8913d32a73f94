package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent language model (Karpathy's char-rnn, PyTorch's word language model example): token
 * ids {@code [N, L]} through an embedding, a stack of LSTM (or GRU) layers with dropout between
 * them, dropout and a linear head to next-token logits {@code [N, L, V]}. Children:
 * {@code embedding}, {@code rnn} (PyTorch's {@code weight_ih_l0}, ... names), {@code dropout},
 * {@code head}. For generation, {@link #startDecoding} carries the recurrent state from one token
 * to the next, so each token costs the same however long the text.
 *
 * <pre>{@code
 * var model = new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(vocabulary, 64, 256, 2));
 * Tensor logits = model.forward(ids);                                   // [N, L, vocabulary]
 * }</pre>
 */
public class RecurrentLanguageModel extends Layer implements LanguageModel {

    /** The recurrent layer's kind. */
    public enum CellType { LSTM, GRU }

    /**
     * @param vocabularySize the token ids, {@code [0, vocabularySize)}
     * @param embeddingDim   the size of each token's vector
     * @param units          the recurrent layers' hidden size
     * @param numLayers      stacked recurrent layers
     * @param dropout        dropout between the layers and before the head, in training (0 by default)
     * @param cell           LSTM (default) or GRU
     */
    public record Config(int vocabularySize, int embeddingDim, int units, int numLayers, float dropout,
                         CellType cell) {

        public Config {
            if (vocabularySize < 1 || embeddingDim < 1 || units < 1 || numLayers < 1) {
                throw new IllegalArgumentException("RecurrentLanguageModel: vocabulary_size, embedding_dim, units and"
                        + " num_layers must be at least 1");
            }
            if (!(dropout >= 0f && dropout < 1f) || cell == null) {
                throw new IllegalArgumentException("RecurrentLanguageModel: dropout must be in [0, 1) and the cell"
                        + " lstm or gru");
            }
        }

        /** No dropout, LSTM layers. */
        public static Config of(int vocabularySize, int embeddingDim, int units, int numLayers) {
            return new Config(vocabularySize, embeddingDim, units, numLayers, 0f, CellType.LSTM);
        }

        public Config dropout(float value) {
            return new Config(vocabularySize, embeddingDim, units, numLayers, value, cell);
        }

        public Config cell(CellType value) {
            return new Config(vocabularySize, embeddingDim, units, numLayers, dropout, value);
        }
    }

    private final Config config;
    private final Embedding embedding;
    private final RecurrentLayer rnn;
    private final Dropout dropout;
    private final Dense head;

    public RecurrentLanguageModel(Config config) {
        this.config = config;
        embedding = addChild("embedding", new Embedding(config.vocabularySize(), config.embeddingDim()));
        RecurrentLayer layer = config.cell() == CellType.LSTM ? new Lstm(config.units()) : new Gru(config.units());
        rnn = addChild("rnn", layer.numLayers(config.numLayers()).dropout(config.dropout()).returnSequences(true)
                .returnState(true));
        rnn.build(1, 1, config.embeddingDim());
        dropout = addChild("dropout", new Dropout(config.dropout()));
        head = addChild("head", new Dense(Dense.Config.of(config.vocabularySize()).inFeatures(config.units())));
    }

    @Override
    protected Tensor call(Tensor ids) {
        if (ids.rank() != 2) {
            throw shapeError("token ids [batch, length]", ids.shape());
        }
        return head.forward(dropout.forward(rnn.forward(embedding.forward(ids))));
    }

    @Override
    public int vocabularySize() {
        return config.vocabularySize();
    }

    /** Switches the model to evaluation mode and starts decoding one sequence from a zero state. */
    @Override
    public Decoding startDecoding(boolean useCache) {
        eval();
        return new Decoding() {
            private List<Tensor> states = List.of();
            private int length;

            @Override
            public float[] feed(int... tokens) {
                if (tokens.length == 0) {
                    throw new IllegalArgumentException("decoding: feed at least one token");
                }
                float[] values = new float[tokens.length];
                for (int i = 0; i < tokens.length; i++) {
                    values[i] = tokens[i];
                }
                try (NoGrad ignored = NoGrad.enter()) {
                    List<Tensor> inputs = new ArrayList<>();
                    inputs.add(embedding.forward(Tensor.of(values, 1, tokens.length)));
                    inputs.addAll(states);
                    List<Tensor> outputs = rnn.forwardAll(inputs);
                    states = outputs.subList(1, outputs.size());
                    length += tokens.length;
                    Tensor last = outputs.getFirst().slice(1, tokens.length - 1, tokens.length);
                    return head.forward(last).toFloatArray();
                }
            }

            @Override
            public int length() {
                return length;
            }
        };
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The recurrent layers ({@code rnn}). */
    public RecurrentLayer recurrentLayer() {
        return rnn;
    }

    @Override
    protected String describe() {
        return "vocabulary=" + config.vocabularySize() + ", " + config.cell().name().toLowerCase(java.util.Locale.ROOT)
                + " " + config.numLayers() + "x" + config.units() + ", embedding=" + config.embeddingDim();
    }
}
