package dev.nabla.io;

import dev.nabla.nn.Add;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MultiHeadAttention;
import dev.nabla.nn.PatchEmbedding;
import dev.nabla.nn.PositionalEmbedding;
import dev.nabla.nn.RotaryEmbedding;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.SinusoidalPositionalEncoding;
import dev.nabla.nn.TokenAndPositionEmbedding;
import dev.nabla.nn.Transformer;
import dev.nabla.nn.TransformerDecoder;
import dev.nabla.nn.TransformerDecoderLayer;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;

/** The attention and Transformer layers in the settings the spec and model-file tests go through. */
final class AttentionLayerFixtures {

    private static final TransformerOptions SMALL = TransformerOptions.of(8, 2).dimFeedforward(16).dropout(0f);

    private AttentionLayerFixtures() {
    }

    /** Every attention-related layer type, built and unbuilt, with settings away from their defaults. */
    static List<Layer> everyType() {
        return List.of(
                new MultiHeadAttention(2, 3), MultiHeadAttention.withEmbedDim(8, 2).dropout(0.1f),
                new MultiHeadAttention(4, 2).valueDim(3).numKeyValueHeads(2).useBias(false).outputShape(5)
                        .useCausalMask(true).rotary(true).averageAttentionWeights(false).returnAttentionScores(true),
                MultiHeadAttention.withEmbedDim(6, 3).keyValueDims(4, 5).build(1, 1, 6),
                new MultiHeadAttention(2, 4).build(2, 3, 6),
                new TransformerEncoderLayer(8, 2),
                new TransformerEncoderLayer(SMALL.normFirst(true).activation(ActivationFunction.GELU).layerNormEps(1e-6f)),
                new TransformerDecoderLayer(SMALL), new TransformerEncoder(SMALL, 2, true),
                new TransformerDecoder(SMALL.normFirst(true), 1, false), new Transformer(SMALL, 1, 2),
                new SinusoidalPositionalEncoding(20), new SinusoidalPositionalEncoding(5, 100f),
                new PositionalEmbedding(7), new PositionalEmbedding(4).build(1, 2, 3), new RotaryEmbedding(),
                new RotaryEmbedding(500f), new TokenAndPositionEmbedding(10, 6, 4).maskZero(true),
                new PatchEmbedding(4, 6), new PatchEmbedding(2, 5).classToken(true).build(1, 3, 4, 4),
                new Seq2SeqTransformer(9, 7, 6, SMALL.normFirst(true), 1, 2), new GlobalAvgPool(DataFormat.CHANNELS_LAST));
    }

    /** Token ids [2, 5] (0 is padding) → [2, 5, 8]. */
    static Sequential tokenModel() {
        return ModelFixtures.prepared(new Sequential(new TokenAndPositionEmbedding(10, 5, 8).maskZero(true),
                new SinusoidalPositionalEncoding(5), new RotaryEmbedding(), MultiHeadAttention.withEmbedDim(8, 2),
                new TransformerEncoderLayer(SMALL), new TransformerEncoder(SMALL.normFirst(true), 2, true)),
                ModelFixtures.tokenInput());
    }

    /** Pairs of source and shifted target ids [2, 2, 5] (0 is padding) → logits [2, 5, 7] → their mean [2, 7]. */
    static Sequential pairsModel() {
        return ModelFixtures.prepared(new Sequential(new Seq2SeqTransformer(10, 7, 5, SMALL, 1, 1),
                new GlobalAvgPool(DataFormat.CHANNELS_LAST)), pairsInput());
    }

    static Tensor pairsInput() {
        return Tensor.of(new float[] {1, 2, 3, 0, 0, 2, 4, 5, 6, 0, 9, 4, 4, 5, 8, 2, 1, 1, 3, 6}, 2, 2, 5);
    }

    /** Images [2, 1, 4, 4] → 4 patches and a class token [2, 5, 8]. */
    static Sequential imageModel() {
        return ModelFixtures.prepared(new Sequential(new PatchEmbedding(2, 8).classToken(true),
                new PositionalEmbedding(5), new MultiHeadAttention(4, 2).numKeyValueHeads(2).rotary(true)),
                imageInput());
    }

    static Tensor imageInput() {
        return Tensor.uniform(new Generator(8), -1f, 1f, 2, 1, 4, 4);
    }

    /** A source [5, 8] and a target [4, 8] through both decoders and a whole Transformer → [4, 8]. */
    static Graph encoderDecoderGraph() {
        Layer.manualSeed(6);
        GraphNode source = GraphNode.input("source", 5, 8);
        GraphNode target = GraphNode.input("target", 4, 8);
        GraphNode decoded = new TransformerDecoderLayer(SMALL).apply(target, source);
        GraphNode stacked = new TransformerDecoder(SMALL, 2, true).apply(decoded, source);
        GraphNode whole = new Transformer(SMALL, 1, 1).apply(source, stacked);
        return ModelFixtures.prepared(new Graph(List.of(source, target), List.of(new Add().apply(whole, decoded))),
                null);
    }

    static List<Tensor> graphInputs() {
        return List.of(Tensor.uniform(new Generator(9), -1f, 1f, 2, 5, 8),
                Tensor.uniform(new Generator(10), -1f, 1f, 2, 4, 8));
    }
}
