package dev.nabla.io;

import static dev.nabla.io.LayerType.known;
import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.MultiHeadAttention;
import dev.nabla.nn.PatchEmbedding;
import dev.nabla.nn.PositionalEmbedding;
import dev.nabla.nn.RotaryEmbedding;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.nn.SinusoidalPositionalEncoding;
import dev.nabla.nn.TokenAndPositionEmbedding;
import dev.nabla.nn.Transformer;
import dev.nabla.nn.TransformerDecoder;
import dev.nabla.nn.TransformerDecoderLayer;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.tensor.ActivationFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry entries of attention, the Transformer layers and position encodings: Keras's
 * names for {@code MultiHeadAttention} ({@code num_heads}, {@code key_dim}, {@code value_dim},
 * {@code output_shape}) with PyTorch's ({@code embed_dim}, {@code kdim}, {@code vdim},
 * {@code bias}) and its alias {@code MultiheadAttention}; PyTorch's names for the Transformer
 * layers ({@code d_model}, {@code nhead}, {@code dim_feedforward}, {@code dropout},
 * {@code activation}, {@code norm_first}, {@code layer_norm_eps}). Only batch-first layouts exist.
 */
final class AttentionLayerSpecs {

    private static final String BLOCK = "d_model: int, nhead|num_heads: int, dim_feedforward|intermediate_dim: int,"
            + " dropout: float, activation: string, norm_first: bool, layer_norm_eps|layer_norm_epsilon: float,"
            + " batch_first: bool";

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(MultiHeadAttention.class, "num_heads: int, key_dim: int, value_dim: int,"
                    + " num_key_value_heads: int, dropout: float, use_bias|bias: bool, output_shape: int,"
                    + " embed_dim: int, kdim: int, vdim: int, use_causal_mask: bool, rotary_base: float,"
                    + " average_attention_weights|average_attn_weights: bool, return_attention_scores: bool,"
                    + " batch_first: bool", AttentionLayerSpecs::attention, AttentionLayerSpecs::describe)
                    .alias("MultiheadAttention"),
            LayerType.of(TransformerEncoderLayer.class, BLOCK, a -> new TransformerEncoderLayer(options(a)),
                    l -> describe(l.options())),
            LayerType.of(TransformerDecoderLayer.class, BLOCK, a -> new TransformerDecoderLayer(options(a)),
                    l -> describe(l.options())),
            LayerType.of(TransformerEncoder.class, BLOCK + ", num_layers: int, norm: bool",
                    a -> new TransformerEncoder(options(a), a.integer("num_layers"), a.flag("norm", false)),
                    l -> stack(l.options(), l.numLayers(), l.hasFinalNorm())),
            LayerType.of(TransformerDecoder.class, BLOCK + ", num_layers: int, norm: bool",
                    a -> new TransformerDecoder(options(a), a.integer("num_layers"), a.flag("norm", false)),
                    l -> stack(l.options(), l.numLayers(), l.hasFinalNorm())),
            LayerType.of(Transformer.class, BLOCK + ", num_encoder_layers: int, num_decoder_layers: int",
                    a -> new Transformer(options(a), a.integer("num_encoder_layers", 6),
                            a.integer("num_decoder_layers", 6)),
                    t -> {
                        Map<String, Object> out = new LinkedHashMap<>(describe(t.options()));
                        out.put("num_encoder_layers", t.encoder().numLayers());
                        out.put("num_decoder_layers", t.decoder().numLayers());
                        return out;
                    }),
            LayerType.of(Seq2SeqTransformer.class, BLOCK + ", source_vocabulary_size: int,"
                    + " target_vocabulary_size: int, max_length: int, num_encoder_layers: int,"
                    + " num_decoder_layers: int",
                    a -> new Seq2SeqTransformer(a.integer("source_vocabulary_size"),
                            a.integer("target_vocabulary_size"), a.integer("max_length"), options(a),
                            a.integer("num_encoder_layers", 3), a.integer("num_decoder_layers", 3)),
                    s -> {
                        Map<String, Object> out = new LinkedHashMap<>(values("source_vocabulary_size",
                                s.sourceVocabularySize(), "target_vocabulary_size", s.targetVocabularySize(),
                                "max_length", s.maxLength()));
                        out.putAll(describe(s.transformer().options()));
                        out.put("num_encoder_layers", s.transformer().encoder().numLayers());
                        out.put("num_decoder_layers", s.transformer().decoder().numLayers());
                        return out;
                    }).alias("seq2seq_transformer"),
            LayerType.of(SinusoidalPositionalEncoding.class, "max_length|sequence_length: int, base: float",
                    a -> new SinusoidalPositionalEncoding(a.integer("max_length"), a.number("base", 10000f)),
                    s -> values("max_length", s.maxLength(), "base", s.base() == 10000f ? null : s.base()))
                    .alias("SinusoidalPositionEncoding"),
            LayerType.of(PositionalEmbedding.class, "max_length|sequence_length: int, features: int",
                    a -> LayerType.sized(new PositionalEmbedding(a.integer("max_length")), a, "features",
                            features -> new int[] {1, 1, features}),
                    p -> values("max_length", p.maxLength(), "features",
                            p.weight() == null ? null : p.weight().shape().dim(1)))
                    .alias("PositionEmbedding"),
            LayerType.of(RotaryEmbedding.class, "base|max_wavelength: float",
                    a -> new RotaryEmbedding(a.number("base", 10000f)),
                    r -> values("base", r.base() == 10000f ? null : r.base())),
            LayerType.of(TokenAndPositionEmbedding.class, "vocabulary_size: int, sequence_length|max_length: int,"
                    + " embedding_dim: int, mask_zero: bool",
                    a -> new TokenAndPositionEmbedding(a.integer("vocabulary_size"), a.integer("sequence_length"),
                            a.integer("embedding_dim")).maskZero(a.flag("mask_zero", false)),
                    t -> values("vocabulary_size", t.tokenEmbedding().numEmbeddings(), "sequence_length",
                            t.positionEmbedding().maxLength(), "embedding_dim", t.tokenEmbedding().embeddingDim(),
                            "mask_zero", t.tokenEmbedding().masksZero() ? true : null)),
            LayerType.of(PatchEmbedding.class, "patch_size: int, embed_dim|hidden_dim: int, class_token: bool,"
                    + " in_channels: int",
                    a -> LayerType.sized(new PatchEmbedding(a.integer("patch_size"), a.integer("embed_dim"))
                            .classToken(a.flag("class_token", false)), a, "in_channels",
                            channels -> new int[] {1, channels, a.integer("patch_size"), a.integer("patch_size")}),
                    p -> values("patch_size", p.patchSize(), "embed_dim", p.embedDim(), "class_token",
                            p.hasClassToken() ? true : null, "in_channels", known(p.inChannels()))));

    private AttentionLayerSpecs() {
    }

    private static MultiHeadAttention attention(Arguments a) {
        batchFirst(a);
        int heads = a.integer("num_heads");
        MultiHeadAttention layer;
        if (a.has("key_dim")) {
            layer = new MultiHeadAttention(heads, a.integer("key_dim"));
            if (a.has("embed_dim")) {
                layer.embedDim(a.integer("embed_dim"));
            }
        } else if (a.has("embed_dim")) {
            layer = MultiHeadAttention.withEmbedDim(a.integer("embed_dim"), heads);
        } else {
            throw new LayerSpecException("key_dim", a.layer() + ": give key_dim (Keras: the size of each head) or"
                    + " embed_dim (PyTorch: the query size, split over the heads)");
        }
        if (a.has("value_dim")) {
            layer.valueDim(a.integer("value_dim"));
        }
        if (a.has("num_key_value_heads")) {
            layer.numKeyValueHeads(a.integer("num_key_value_heads"));
        }
        if (a.has("output_shape")) {
            layer.outputShape(a.integer("output_shape"));
        }
        layer.useBias(a.flag("use_bias", true)).dropout(a.number("dropout", 0f))
                .useCausalMask(a.flag("use_causal_mask", false)).rotaryBase(a.number("rotary_base", 0f))
                .averageAttentionWeights(a.flag("average_attention_weights", true))
                .returnAttentionScores(a.flag("return_attention_scores", false));
        if (a.has("kdim") || a.has("vdim")) {
            if (!a.has("embed_dim")) {
                throw new IllegalArgumentException("kdim and vdim need embed_dim (the query size)");
            }
            int embed = a.integer("embed_dim");
            layer.keyValueDims(a.integer("kdim", embed), a.integer("vdim", embed)).build(1, 1, embed);
        }
        return layer;
    }

    private static Map<String, Object> describe(MultiHeadAttention m) {
        return values("num_heads", m.numHeads(), "key_dim", m.keyDim(),
                "value_dim", m.valueDimension() == m.keyDim() ? null : m.valueDimension(),
                "num_key_value_heads", m.numKeyValueHeads() == m.numHeads() ? null : m.numKeyValueHeads(),
                "dropout", m.dropoutRate() == 0f ? null : m.dropoutRate(), "use_bias", m.usesBias() ? null : false,
                "output_shape", known(m.outputDim()), "embed_dim", known(m.embedDim()), "kdim", known(m.kdim()),
                "vdim", known(m.vdim()), "use_causal_mask", m.usesCausalMask() ? true : null,
                "rotary_base", m.rotaryBase() == 0f ? null : m.rotaryBase(),
                "average_attention_weights", m.averagesAttentionWeights() ? null : false,
                "return_attention_scores", m.returnsAttentionScores() ? true : null);
    }

    private static void batchFirst(Arguments a) {
        if (!a.flag("batch_first", true)) {
            throw new IllegalArgumentException("only batch_first: true is supported: sequences are [batch, length,"
                    + " features], as Keras lays them out; give the data batch first");
        }
    }

    private static TransformerOptions options(Arguments a) {
        batchFirst(a);
        return TransformerOptions.of(a.integer("d_model"), a.integer("nhead"))
                .dimFeedforward(a.integer("dim_feedforward", 2048)).dropout(a.number("dropout", 0.1f))
                .activation(ActivationFunction.byName(a.choice("activation", "relu", "relu", "gelu")))
                .normFirst(a.flag("norm_first", false)).layerNormEps(a.number("layer_norm_eps", 1e-5f));
    }

    private static Map<String, Object> describe(TransformerOptions o) {
        return values("d_model", o.dModel(), "nhead", o.nhead(), "dim_feedforward", o.dimFeedforward(),
                "dropout", o.dropout(), "activation", o.activation().kerasName(),
                "norm_first", o.normFirst() ? true : null, "layer_norm_eps", o.layerNormEps() == 1e-5f ? null
                        : o.layerNormEps());
    }

    private static Map<String, Object> stack(TransformerOptions o, int layers, boolean norm) {
        Map<String, Object> out = new LinkedHashMap<>(describe(o));
        out.put("num_layers", layers);
        if (norm) {
            out.put("norm", true);
        }
        return out;
    }
}
