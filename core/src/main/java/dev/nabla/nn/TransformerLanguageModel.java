package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Linear;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.KeyValueCache;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A GPT-style decoder-only language model (GPT-2, nanoGPT, Keras-hub's {@code GPT2CausalLM}):
 * token ids {@code [N, L]} (L ≤ the context length) to next-token logits {@code [N, L, V]}.
 * A token embedding plus learned positions (or rotary positions inside the attention), N
 * {@link CausalTransformerBlock}s (pre-norm causal self-attention and a GELU feed-forward block),
 * a final layer norm and a linear head, which may share the token embedding's weights
 * ({@code tieWeights}). Children: {@code token_embedding}, {@code position_embedding},
 * {@code blocks.0}, ..., {@code norm}, {@code head}. Embeddings start from N(0, 0.02) as GPT-2's.
 *
 * <pre>{@code
 * var model = new TransformerLanguageModel(TransformerLanguageModel.Config.of(vocabulary, 128, 128, 4, 4));
 * Tensor logits = model.forward(ids);                                  // [N, 128, vocabulary]
 * int[] text = Generation.generate(model, prompt, GenerationOptions.sampling(0.8));
 * }</pre>
 *
 * <p>For generation, {@link #startDecoding} with the cache keeps each block's keys and values
 * ({@link KeyValueCache}), so a new token costs O(context) work. A sequence longer than the
 * context length keeps its last {@code contextLength} tokens, as the training windows did; once
 * the context is full, each further token reruns that window (with or without the cache), so the
 * two give the same tokens.
 */
public class TransformerLanguageModel extends Layer implements LanguageModel {

    /** How positions enter: a learned table added to the embeddings, or rotary queries and keys. */
    public enum Positions { LEARNED, ROTARY }

    /**
     * @param vocabularySize the token ids, {@code [0, vocabularySize)}
     * @param contextLength  the longest sequence, the learned table's rows
     * @param dModel         the width of every position's vector
     * @param numHeads       attention heads per block, dividing dModel
     * @param numLayers      blocks
     * @param dimFeedforward the feed-forward block's hidden width; 0 (the default) for 4·dModel
     * @param dropout        dropout in the blocks in training (0 by default)
     * @param positions      learned (default) or rotary
     * @param tieWeights     whether the head is the token embedding's weights (no head of its own)
     */
    public record Config(int vocabularySize, int contextLength, int dModel, int numHeads, int numLayers,
                         int dimFeedforward, float dropout, Positions positions, boolean tieWeights) {

        public Config {
            if (vocabularySize < 1 || contextLength < 1 || dModel < 1 || numHeads < 1 || numLayers < 1
                    || dimFeedforward < 0) {
                throw new IllegalArgumentException("TransformerLanguageModel: vocabulary_size, context_length, d_model,"
                        + " num_heads and num_layers must be at least 1, dim_feedforward 0 (4·d_model) or more");
            }
            if (dModel % numHeads != 0) {
                throw new IllegalArgumentException("TransformerLanguageModel: d_model (" + dModel
                        + ") must be a multiple of num_heads (" + numHeads + ")");
            }
            if (positions == null) {
                throw new IllegalArgumentException("TransformerLanguageModel: positions must be learned or rotary");
            }
            if (positions == Positions.ROTARY && (dModel / numHeads) % 2 != 0) {
                throw new IllegalArgumentException("TransformerLanguageModel: rotary positions need an even head size,"
                        + " got d_model / num_heads = " + dModel / numHeads);
            }
        }

        /** Feed-forward width 4·dModel, no dropout, learned positions, a head of its own. */
        public static Config of(int vocabularySize, int contextLength, int dModel, int numHeads, int numLayers) {
            return new Config(vocabularySize, contextLength, dModel, numHeads, numLayers, 0, 0f, Positions.LEARNED,
                    false);
        }

        /** The feed-forward width in use: {@code dimFeedforward}, or 4·dModel for 0. */
        public int feedForwardWidth() {
            return dimFeedforward > 0 ? dimFeedforward : 4 * dModel;
        }

        public Config dimFeedforward(int value) {
            return new Config(vocabularySize, contextLength, dModel, numHeads, numLayers, value, dropout, positions,
                    tieWeights);
        }

        public Config dropout(float value) {
            return new Config(vocabularySize, contextLength, dModel, numHeads, numLayers, dimFeedforward, value,
                    positions, tieWeights);
        }

        public Config positions(Positions value) {
            return new Config(vocabularySize, contextLength, dModel, numHeads, numLayers, dimFeedforward, dropout,
                    value, tieWeights);
        }

        public Config tieWeights(boolean value) {
            return new Config(vocabularySize, contextLength, dModel, numHeads, numLayers, dimFeedforward, dropout,
                    positions, value);
        }
    }

    private final Config config;
    private final Embedding tokens;
    private final PositionalEmbedding positions;
    private final List<CausalTransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final Dense head;

    public TransformerLanguageModel(Config config) {
        this.config = config;
        int d = config.dModel();
        tokens = addChild("token_embedding", new Embedding(config.vocabularySize(), d));
        try (NoGrad ignored = NoGrad.enter()) {
            tokens.weight().value().assign(Tensor.normal(generator(), 0f, 0.02f, config.vocabularySize(), d));
        }
        if (config.positions() == Positions.LEARNED) {
            positions = addChild("position_embedding", new PositionalEmbedding(config.contextLength()));
            positions.build(1, config.contextLength(), d);
        } else {
            positions = null;
        }
        Sequential stack = addChild("blocks", new Sequential());
        for (int i = 0; i < config.numLayers(); i++) {
            CausalTransformerBlock block = new CausalTransformerBlock(d, config.numHeads(), config.feedForwardWidth(),
                    config.dropout(), config.positions() == Positions.ROTARY);
            stack.add(block);
            blocks.add(block);
        }
        norm = addChild("norm", new LayerNorm(d));
        head = config.tieWeights() ? null
                : addChild("head", new Dense(Dense.Config.of(config.vocabularySize()).inFeatures(d).useBias(false)));
    }

    @Override
    protected Tensor call(Tensor ids) {
        if (ids.rank() != 2 || ids.dim(1) > config.contextLength()) {
            throw shapeError("token ids [batch, length ≤ " + config.contextLength() + "]", ids.shape());
        }
        return logits(norm.forward(hidden(ids)));
    }

    /** Token embeddings, plus the learned positions {@code offset ..} when positions are learned. */
    private Tensor embed(Tensor ids, int offset) {
        Tensor x = tokens.forward(ids);
        return positions == null ? x
                : x.add(positions.weight().value().slice(0, offset, offset + ids.dim(1)));
    }

    private Tensor logits(Tensor normed) {
        Tensor weight = head == null ? tokens.weight().value() : head.weight().value();
        return Linear.linear(normed, weight, null, ActivationFunction.LINEAR);
    }

    /** The next-token logits {@code [V]} after the last of these ids, which follow {@code caches}' positions. */
    private float[] cachedStep(int[] ids, List<KeyValueCache> caches) {
        int offset = caches.getFirst().length();
        Tensor x = embed(idTensor(ids), offset);
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, caches.get(i));
        }
        return lastLogits(x);
    }

    private float[] lastLogits(Tensor x) {
        int last = x.dim(1) - 1;
        return logits(norm.forward(x.slice(1, last, last + 1))).toFloatArray();
    }

    private static Tensor idTensor(int[] ids) {
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        return Tensor.of(values, 1, ids.length);
    }

    @Override
    public int vocabularySize() {
        return config.vocabularySize();
    }

    /** Switches the model to evaluation mode and starts decoding one sequence. */
    @Override
    public Decoding startDecoding(boolean useCache) {
        eval();
        return new Decoding() {
            private int[] history = new int[0];
            private final List<KeyValueCache> caches = new ArrayList<>();

            @Override
            public float[] feed(int... next) {
                if (next.length == 0) {
                    throw new IllegalArgumentException("decoding: feed at least one token");
                }
                int[] all = Arrays.copyOf(history, history.length + next.length);
                System.arraycopy(next, 0, all, history.length, next.length);
                int start = Math.max(0, all.length - config.contextLength());
                int[] window = Arrays.copyOfRange(all, start, all.length);
                history = all;
                try (NoGrad ignored = NoGrad.enter()) {
                    if (!useCache) {
                        return lastLogits(hidden(idTensor(window)));
                    }
                    boolean slid = start > 0;
                    if (caches.isEmpty() || slid) {
                        caches.clear();
                        blocks.forEach(b -> caches.add(new KeyValueCache()));
                        return cachedStep(window, caches);
                    }
                    return cachedStep(next, caches);
                }
            }

            @Override
            public int length() {
                return history.length;
            }
        };
    }

    /** The blocks' output for ids {@code [N, L]}, before the final norm. */
    private Tensor hidden(Tensor ids) {
        Tensor x = embed(ids, 0);
        for (CausalTransformerBlock block : blocks) {
            x = block.forward(x);
        }
        return x;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The token embedding ({@code token_embedding}). */
    public Embedding tokenEmbedding() {
        return tokens;
    }

    /** The blocks, in order. */
    public List<CausalTransformerBlock> blocks() {
        return List.copyOf(blocks);
    }

    @Override
    protected String describe() {
        return "vocabulary=" + config.vocabularySize() + ", context=" + config.contextLength() + ", d_model="
                + config.dModel() + ", heads=" + config.numHeads() + ", layers=" + config.numLayers()
                + (config.positions() == Positions.ROTARY ? ", rotary" : "") + (config.tieWeights() ? ", tied" : "");
    }
}
