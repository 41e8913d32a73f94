package dev.nabla.onnx;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MultiHeadAttention;
import dev.nabla.nn.PatchEmbedding;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Transformer;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.nn.TransformerOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attention and Transformer layers in the settings the examples do not use (post-norm, ReLU,
 * cross-attention of other lengths, an attention-mask input, a class token) exported and run in
 * ONNX Runtime: the same outputs as in Nabla at batch sizes 1 and 7 through one file.
 */
class TransformerExportTest {

    @TempDir
    Path folder;

    private final Generator generator = new Generator(17);

    @Test
    void crossAttentionWithAnAttentionMaskAndSeparateProjections() throws Exception {
        Layer.manualSeed(1);
        GraphNode query = GraphNode.input("query", 4, 6);
        GraphNode value = GraphNode.input("value", 5, 3);
        GraphNode allowed = GraphNode.input("allowed", 4, 5);
        MultiHeadAttention attention = new MultiHeadAttention(2, 4).valueDim(3).outputShape(7).useCausalMask(true);
        Graph model = new Graph(List.of(query, value, allowed), List.of(attention.apply(query, value, value,
                allowed)));
        Path file = folder.resolve("cross.onnx");
        Onnx.export(model, null, file);
        for (int batch : new int[] {1, 7}) {
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            inputs.put("query", Tensor.randn(generator, batch, 4, 6));
            inputs.put("value", Tensor.randn(generator, batch, 5, 3));
            inputs.put("allowed", Tensor.rand(generator, batch, 4, 5).gt(0.3f).to(dev.nabla.tensor.DType.FLOAT32));
            OnnxRuntimeCheck.compare(model, inputs, file);
        }
    }

    @Test
    void postNormEncoderDecoderWithPaddedSources() throws Exception {
        Layer.manualSeed(2);
        TransformerOptions options = TransformerOptions.of(8, 2).dimFeedforward(16).dropout(0f);
        GraphNode source = GraphNode.input("source", 6);
        GraphNode target = GraphNode.input("target", 3, 8);
        GraphNode embedded = new Embedding(Embedding.Config.of(10, 8).maskZero(true)).apply(source);
        GraphNode decoded = new Transformer(options, 2, 1).apply(embedded, target);
        Graph model = new Graph(List.of(source, target), List.of(new Dense(3).apply(decoded)));
        Path file = folder.resolve("transformer.onnx");
        Onnx.export(model, null, file);
        for (int batch : new int[] {1, 7}) {
            float[] ids = Tensor.randint(generator, 1, 10, batch, 6).toFloatArray();
            for (int n = 0; n < batch; n++) {
                for (int t = 6 - n % 5; t < 6; t++) {
                    ids[n * 6 + t] = 0f;
                }
            }
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            inputs.put("source", Tensor.of(ids, batch, 6));
            inputs.put("target", Tensor.randn(generator, batch, 3, 8));
            OnnxRuntimeCheck.compare(model, inputs, file);
        }
    }

    @Test
    void patchesWithAClassTokenThroughAPostNormEncoderLayer() throws Exception {
        Layer.manualSeed(3);
        Sequential model = new Sequential(new PatchEmbedding(4, 8).classToken(true),
                new TransformerEncoderLayer(TransformerOptions.of(8, 4).dimFeedforward(12).dropout(0f)),
                new Dense(2));
        OnnxRuntimeCheck.assertSameOutputs(model, new int[] {3, 8, 12}, folder.resolve("patches.onnx"), generator);
    }
}
