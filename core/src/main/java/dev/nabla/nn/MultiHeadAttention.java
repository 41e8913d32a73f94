package dev.nabla.nn;

import dev.nabla.nn.init.Initializers;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Attention;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.InvertedDropout;
import dev.nabla.tensor.KeyValueCache;
import dev.nabla.tensor.Linear;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head attention with PyTorch's {@code nn.MultiheadAttention} parameters and names, called
 * as Keras's {@code MultiHeadAttention} (query, value, key, attention mask). Batch first:
 * query {@code [N, L, E]}, key {@code [N, S, kdim]}, value {@code [N, S, vdim]}, output
 * {@code [N, L, E]} (or {@code outputShape}).
 *
 * <p>The query, key and value are projected to H heads of {@code keyDim} (E/H by default; values
 * of {@code valueDim}), attended with the fused {@link Attention#scaledDotProductAttention}, and
 * projected back by {@code out_proj}. With kdim = vdim = E and head sizes E/H, the projections are
 * PyTorch's one {@code in_proj_weight [3E, E]}; otherwise {@code q_proj_weight},
 * {@code k_proj_weight} and {@code v_proj_weight}; the biases are {@code in_proj_bias}. With
 * {@link #numKeyValueHeads} below H (grouped-query attention) keys and values get fewer heads,
 * each shared by H/Hkv query heads.
 *
 * <pre>{@code
 * var attention = MultiHeadAttention.withEmbedDim(64, 8);           // PyTorch's (embed_dim, num_heads)
 * Tensor y = attention.forward(List.of(query, value));               // Keras's call: key = value
 * List<Tensor> both = attention.attend(query, key, value,            // PyTorch's call, with weights
 *         AttentionMask.blocked(pairs).withKeyPadding(keep), true);   // [N, L, E] and [N, L, S]
 * }</pre>
 *
 * <p>Masks: the key padding mask is the one attached to the key (else the value) with
 * {@link Masks}, as {@code Embedding(maskZero)} attaches; the query's mask is attached to the
 * output. A fourth input is Keras's {@code attention_mask} {@code [N, L, S]} (1 = attend).
 *
 * <p>Line budget: each of PyTorch's and Keras's settings needs a setter and a getter (for model
 * files), beside the two call forms; splitting them off would scatter one layer's options.
 */
public class MultiHeadAttention extends Layer {

    private final int numHeads;
    private int keyDim;
    private int valueDim = -1;
    private int kvHeads = -1;
    private boolean useBias = true;
    private float dropout;
    private int outputDim = -1;
    private boolean averageWeights = true;
    private boolean returnAttentionScores;
    private boolean causal;
    private float rotaryBase;
    private int givenKeyFeatures = -1;
    private int givenValueFeatures = -1;
    private int embedDim = -1;
    private int keyFeatures;
    private int valueFeatures;
    private boolean packed;
    private Parameter inProjWeight;
    private Parameter qProjWeight;
    private Parameter kProjWeight;
    private Parameter vProjWeight;
    private Parameter inProjBias;
    private Dense outProj;

    /** Keras's {@code MultiHeadAttention(num_heads, key_dim)}: heads of {@code keyDim}, sized from the input. */
    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads < 1 || keyDim < 1) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads and key_dim must be at least 1, got "
                    + numHeads + " and " + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
    }

    /** PyTorch's {@code nn.MultiheadAttention(embed_dim, num_heads)}: heads of embed_dim / num_heads. */
    public static MultiHeadAttention withEmbedDim(int embedDim, int numHeads) {
        if (numHeads < 1 || embedDim < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: embed_dim (" + embedDim
                    + ") must be a positive multiple of num_heads (" + numHeads + ")");
        }
        MultiHeadAttention attention = new MultiHeadAttention(numHeads, embedDim / numHeads);
        attention.embedDim = embedDim;
        return attention;
    }

    /** The size of each value head (Keras's {@code value_dim}); key_dim by default. Before building. */
    public MultiHeadAttention valueDim(int value) {
        beforeBuild("value_dim");
        valueDim = positive("value_dim", value);
        return this;
    }

    /** Grouped-query attention: this many key/value heads (dividing num_heads). Before building. */
    public MultiHeadAttention numKeyValueHeads(int value) {
        beforeBuild("num_key_value_heads");
        if (value < 1 || numHeads % value != 0) {
            throw new IllegalArgumentException(path() + ": num_key_value_heads must divide num_heads (" + numHeads
                    + "), got " + value);
        }
        kvHeads = value;
        return this;
    }

    /** Whether the projections have biases (PyTorch's {@code bias}, Keras's {@code use_bias}). Before building. */
    public MultiHeadAttention useBias(boolean value) {
        beforeBuild("use_bias");
        useBias = value;
        return this;
    }

    /** Dropout on the attention probabilities in training. */
    public MultiHeadAttention dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(path() + ": dropout must be in [0, 1), got " + rate);
        }
        dropout = rate;
        return this;
    }

    /** The output size (Keras's {@code output_shape}); the query's size by default. Before building. */
    public MultiHeadAttention outputShape(int value) {
        beforeBuild("output_shape");
        outputDim = positive("output_shape", value);
        return this;
    }

    /** Queries must have this many features (PyTorch's {@code embed_dim}). Before building. */
    public MultiHeadAttention embedDim(int value) {
        beforeBuild("embed_dim");
        embedDim = positive("embed_dim", value);
        return this;
    }

    /** The key and value sizes (PyTorch's {@code kdim}, {@code vdim}) for {@link #build(int...)}; else taken from the inputs. */
    public MultiHeadAttention keyValueDims(int kdim, int vdim) {
        beforeBuild("kdim/vdim");
        givenKeyFeatures = positive("kdim", kdim);
        givenValueFeatures = positive("vdim", vdim);
        return this;
    }

    /** Whether the weights are averaged over the heads ({@code [N, L, S]}, PyTorch's default) or per head. */
    public MultiHeadAttention averageAttentionWeights(boolean value) {
        averageWeights = value;
        return this;
    }

    /** Whether {@link #forwardAll} also returns the attention weights (Keras's {@code return_attention_scores}). */
    public MultiHeadAttention returnAttentionScores(boolean value) {
        returnAttentionScores = value;
        return this;
    }

    /** Causal masking: query i attends to keys 0..i (Keras's {@code use_causal_mask}). */
    public MultiHeadAttention useCausalMask(boolean value) {
        causal = value;
        return this;
    }

    /**
     * Rotary position embedding ({@link RotaryEmbedding}) on every head's queries and keys, base
     * 10000 ({@code true}) or none.
     */
    public MultiHeadAttention rotary(boolean value) {
        return rotaryBase(value ? 10000f : 0f);
    }

    /** Rotary position embedding with this base (0: none). */
    public MultiHeadAttention rotaryBase(float base) {
        if (base != 0f && !(base > 1f)) {
            throw new IllegalArgumentException(path() + ": the rotary base must be above 1 (or 0 for none), got "
                    + base);
        }
        if (base != 0f && keyDim % 2 != 0) {
            throw new IllegalArgumentException(path() + ": rotary position embedding needs an even key_dim, got "
                    + keyDim);
        }
        rotaryBase = base;
        return this;
    }

    /** The rotary base, 0 when off. */
    public float rotaryBase() {
        return rotaryBase;
    }

    private void beforeBuild(String what) {
        if (isBuilt()) {
            throw new IllegalStateException(path() + ": set " + what + " before the layer is built");
        }
    }

    private int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(path() + ": " + what + " must be at least 1, got " + value);
        }
        return value;
    }

    @Override
    protected void build(Shape queryShape) {
        if (queryShape.rank() != 3) {
            throw shapeError("[batch, length, features]", queryShape);
        }
        int e = queryShape.dim(2);
        if (embedDim > 0 && e != embedDim) {
            throw shapeError("[batch, length, " + embedDim + "]", queryShape);
        }
        embedDim = e;
        keyFeatures = givenKeyFeatures > 0 ? givenKeyFeatures : e;
        valueFeatures = givenValueFeatures > 0 ? givenValueFeatures : e;
        int heads = kvHeads();
        int vd = valueDim();
        packed = keyFeatures == e && valueFeatures == e && keyDim * numHeads == e && vd == keyDim && heads == numHeads;
        var glorot = Initializers.glorotUniform(1f);
        if (packed) {
            inProjWeight = addParameter("in_proj_weight", glorot.initialize(Shape.of(3 * e, e), generator()));
        } else {
            qProjWeight = addParameter("q_proj_weight", glorot.initialize(Shape.of(numHeads * keyDim, e), generator()));
            kProjWeight = addParameter("k_proj_weight",
                    glorot.initialize(Shape.of(heads * keyDim, keyFeatures), generator()));
            vProjWeight = addParameter("v_proj_weight", glorot.initialize(Shape.of(heads * vd, valueFeatures),
                    generator()));
        }
        if (useBias) {
            inProjBias = addParameter("in_proj_bias", Tensor.zeros((numHeads + heads) * keyDim + heads * vd));
        }
        outProj = addChild("out_proj", new Dense(Dense.Config.of(outputDim > 0 ? outputDim : e).inFeatures(numHeads * vd).useBias(useBias))
                .biasInitializer(Initializers.zeros()));
    }

    private int kvHeads() {
        return kvHeads > 0 ? kvHeads : numHeads;
    }

    private int valueDim() {
        return valueDim > 0 ? valueDim : keyDim;
    }

    /** Self-attention: the input is query, key and value; its attached mask pads the keys. */
    @Override
    protected Tensor call(Tensor input) {
        return attend(input, input, input, AttentionMask.none(), false).get(0);
    }

    /** Keras's call: {@code [query, value]}, {@code [query, value, key]} or those and an attention mask {@code [N, L, S]} (1 = attend). */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        return forwardAll(inputs, false).get(0);
    }

    /** The output, and the attention weights when {@link #returnAttentionScores} is on. */
    @Override
    public List<Tensor> forwardAll(List<Tensor> inputs) {
        return forwardAll(inputs, returnAttentionScores);
    }

    private List<Tensor> forwardAll(List<Tensor> inputs, boolean weights) {
        if (inputs.isEmpty() || inputs.size() > 4) {
            throw new IllegalArgumentException(path() + ": takes [query], [query, value], [query, value, key] or"
                    + " [query, value, key, attention mask], got " + inputs.size() + " inputs");
        }
        Tensor query = inputs.get(0);
        Tensor value = inputs.size() > 1 ? inputs.get(1) : query;
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        AttentionMask mask = inputs.size() > 3 ? AttentionMask.allowed(inputs.get(3)) : AttentionMask.none();
        return attend(query, key, value, mask, weights);
    }

    /**
     * PyTorch's call {@code (query, key, value, attn_mask, key_padding_mask)}: the output, and with
     * {@code needWeights} the attention weights (averaged over heads unless turned off). The
     * mask's key padding defaults to the mask attached to the key (else the value).
     */
    public List<Tensor> attend(Tensor query, Tensor key, Tensor value, AttentionMask mask, boolean needWeights) {
        if (query.rank() == 3 && !isBuilt()) {
            if (givenKeyFeatures < 0 && key.rank() == 3 && value.rank() == 3) {
                givenKeyFeatures = key.dim(2);
                givenValueFeatures = value.dim(2);
            }
            buildIfNeeded(query.shape());
        }
        checkInputs(query, key, value);
        AttentionMask m = mask == null ? AttentionMask.none() : mask;
        if (m.keyPadding() == null) {
            Tensor keep = Masks.of(key) != null ? Masks.of(key) : Masks.of(value);
            m = m.withKeyPadding(keep);
        }
        m = m.withCausal(m.isCausal() || causal);
        if (packed && query == key && key == value && rotaryBase == 0f && !needWeights) {
            return List.of(selfAttention(query, m));
        }
        int heads = kvHeads();
        int vd = valueDim();
        Tensor q = heads(project(query, 0, numHeads * keyDim, qProjWeight, 0), numHeads, keyDim);
        Tensor k = heads(project(key, 1, heads * keyDim, kProjWeight, numHeads * keyDim), heads, keyDim);
        Tensor v = heads(project(value, 2, heads * vd, vProjWeight, (numHeads + heads) * keyDim), heads, vd);
        if (rotaryBase != 0f) {
            q = RotaryEmbedding.rotate(q, rotaryBase);
            k = RotaryEmbedding.rotate(k, rotaryBase);
        }
        float rate = isTraining() ? dropout : 0f;
        List<Tensor> results = new ArrayList<>();
        Tensor attended;
        Tensor weights = null;
        try {
            if (needWeights) {
                weights = Attention.weights(q, k, m, false);
                Tensor dropped = rate > 0f ? InvertedDropout.apply(weights, generator(), rate) : weights;
                attended = dropped.matmul(Attention.repeatHeads(v, numHeads));
                weights = averageWeights ? dropped.mean(1) : dropped;
            } else {
                attended = Attention.scaledDotProductAttention(q, k, v, m, false, rate, generator());
            }
        } catch (IllegalArgumentException e) {
            throw atThisLayer(e);
        }
        int n = query.dim(0);
        int length = query.dim(1);
        Tensor output = outProj.forward(attended.permute(0, 2, 1, 3).reshape(n, length, numHeads * vd));
        results.add(Masks.attach(output, Masks.of(query)));
        if (needWeights) {
            results.add(weights);
        }
        return results;
    }

    /** Self-attention with the packed weights: one projection [N, L, 3E], attended where it lies. */
    private Tensor selfAttention(Tensor x, AttentionMask mask) {
        Tensor qkv = Linear.linear(x, inProjWeight.value(), useBias ? inProjBias.value() : null,
                ActivationFunction.LINEAR);
        Tensor attended;
        try {
            attended = Attention.packedSelfAttention(qkv, numHeads, mask, false, isTraining() ? dropout : 0f,
                    generator());
        } catch (IllegalArgumentException e) {
            throw atThisLayer(e);
        }
        Tensor output = outProj.forward(attended.permute(0, 2, 1, 3).reshape(x.dim(0), x.dim(1), embedDim));
        return Masks.attach(output, Masks.of(x));
    }

    /**
     * Self-attention for incremental decoding: {@code input [N, L, E]} holds the next L positions
     * of sequences whose earlier positions are in {@code cache}; their keys and values are added to
     * it and the queries attend over all of them (causally among the new ones when causal masking
     * is on; rotary positions continue from the cache's length). The output {@code [N, L, E]} equals
     * the last L rows of {@link #attend} over the whole sequence. No dropout, no gradient.
     */
    public Tensor attendCached(Tensor input, KeyValueCache cache) {
        buildIfNeeded(input.shape());
        checkInputs(input, input, input);
        int offset = cache.length();
        int length = input.dim(1);
        if (cache.length() > 0 && !causal) {
            throw new IllegalArgumentException(path() + ": cached decoding needs causal masking (use_causal_mask),"
                    + " where earlier positions do not see later ones");
        }
        int heads = kvHeads();
        int vd = valueDim();
        Tensor q = heads(project(input, 0, numHeads * keyDim, qProjWeight, 0), numHeads, keyDim);
        Tensor k = heads(project(input, 1, heads * keyDim, kProjWeight, numHeads * keyDim), heads, keyDim);
        Tensor v = heads(project(input, 2, heads * vd, vProjWeight, (numHeads + heads) * keyDim), heads, vd);
        if (rotaryBase != 0f) {
            q = RotaryEmbedding.rotate(q, rotaryBase, offset);
            k = RotaryEmbedding.rotate(k, rotaryBase, offset);
        }
        cache.append(k, v);
        Tensor attended = cache.attend(q, causal);
        return outProj.forward(attended.permute(0, 2, 1, 3).reshape(input.dim(0), length, numHeads * vd));
    }

    private void checkInputs(Tensor query, Tensor key, Tensor value) {
        if (query.rank() != 3 || query.dim(2) != embedDim) {
            throw shapeError("a query [batch, length, " + embedDim + "]", query.shape());
        }
        if (key.rank() != 3 || key.dim(2) != keyFeatures || key.dim(0) != query.dim(0)) {
            throw shapeError("a key [" + query.dim(0) + ", keys, " + keyFeatures + "]", key.shape());
        }
        if (value.rank() != 3 || value.dim(2) != valueFeatures || value.dim(0) != key.dim(0)
                || value.dim(1) != key.dim(1)) {
            throw shapeError("a value [" + key.dim(0) + ", " + key.dim(1) + ", " + valueFeatures + "]", value.shape());
        }
    }

    /** Rows [first, first + size) of the packed projection, or the separate weight. */
    private Tensor project(Tensor x, int which, int size, Parameter separate, int first) {
        Tensor w = packed ? inProjWeight.value().slice(0, which * embedDim, (which + 1) * embedDim) : separate.value();
        Tensor b = useBias ? inProjBias.value().slice(0, first, first + size) : null;
        return Linear.linear(x, w, b, ActivationFunction.LINEAR);
    }

    /** {@code [N, T, H·D]} to {@code [N, H, T, D]}. */
    private static Tensor heads(Tensor x, int heads, int depth) {
        return x.reshape(x.dim(0), x.dim(1), heads, depth).permute(0, 2, 1, 3);
    }

    /** The number of query heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The size of each query/key head. */
    public int keyDim() {
        return keyDim;
    }

    /** The size of each value head. */
    public int valueDimension() {
        return valueDim();
    }

    /** The number of key/value heads (num_heads unless grouped). */
    public int numKeyValueHeads() {
        return kvHeads();
    }

    /** The dropout rate on the attention probabilities. */
    public float dropoutRate() {
        return dropout;
    }

    /** Whether the projections have biases. */
    public boolean usesBias() {
        return useBias;
    }

    /** The output size given with {@link #outputShape}, or -1 for the query's size. */
    public int outputDim() {
        return outputDim;
    }

    /** Whether causal masking is on. */
    public boolean usesCausalMask() {
        return causal;
    }

    /** The query size (PyTorch's embed_dim), or -1 before building. */
    public int embedDim() {
        return embedDim;
    }

    /** The key features (PyTorch's kdim), or -1 before building. */
    public int kdim() {
        return isBuilt() ? keyFeatures : -1;
    }

    /** The value features (PyTorch's vdim), or -1 before building. */
    public int vdim() {
        return isBuilt() ? valueFeatures : -1;
    }

    /** Whether returned weights are averaged over the heads. */
    public boolean averagesAttentionWeights() {
        return averageWeights;
    }

    /** Whether {@link #forwardAll} also returns the attention weights. */
    public boolean returnsAttentionScores() {
        return returnAttentionScores;
    }

    /** The output projection ({@code out_proj}). */
    public Dense outProj() {
        return outProj;
    }

    @Override
    protected String describe() {
        return "heads=" + numHeads + ", key_dim=" + keyDim + (valueDim > 0 ? ", value_dim=" + valueDim : "")
                + (kvHeads > 0 && kvHeads != numHeads ? ", key_value_heads=" + kvHeads : "")
                + (embedDim > 0 ? ", embed_dim=" + embedDim : "") + (dropout > 0f ? ", dropout=" + dropout : "")
                + (causal ? ", causal" : "") + (rotaryBase != 0f ? ", rotary" : "");
    }
}
