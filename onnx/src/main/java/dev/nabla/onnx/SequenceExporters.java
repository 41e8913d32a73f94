package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Embedding;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Masking;
import dev.nabla.nn.PatchEmbedding;
import dev.nabla.nn.PositionalEmbedding;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.nn.TokenAndPositionEmbedding;
import dev.nabla.nn.TransformerLanguageModel;
import dev.nabla.onnx.AttentionWriter.Children;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * What turns ids and images into sequences, and the whole sequence models: embeddings (with the
 * padding mask of {@code mask_zero}), learned positions, patch embeddings, {@link Masking}, the
 * GPT-style {@link TransformerLanguageModel} and the {@link Seq2SeqTransformer}. Learned
 * positions are written for the sample's sequence length, which the exported file keeps.
 */
final class SequenceExporters {

    /** ONNX's element types for Cast. */
    private static final long FLOAT = 1;
    private static final long INT64 = 7;

    private SequenceExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Embedding.class, SequenceExporters::embedding);
        LayerExporters.register(PositionalEmbedding.class, (layer, c) -> List.of(positions(c, layer, c.input(),
                c.inputShape().dim(1))));
        LayerExporters.register(TokenAndPositionEmbedding.class, SequenceExporters::tokenAndPosition);
        LayerExporters.register(PatchEmbedding.class, SequenceExporters::patches);
        LayerExporters.register(Masking.class, SequenceExporters::masking);
        LayerExporters.register(TransformerLanguageModel.class, SequenceExporters::languageModel);
        LayerExporters.register(Seq2SeqTransformer.class, SequenceExporters::seq2seq);
    }

    /** Rows of the table at the ids (floats cast to int64); with mask_zero, the mask of the non-zero ids. */
    private static List<String> embedding(Embedding layer, ExportContext c) {
        String table = c.writer().initializer(c.name("weight"), layer.weight().value());
        String indices = c.node("Cast", c.inputs(), attribute("to", INT64));
        String output = c.node("Gather", List.of(table, indices), attribute("axis", 0L));
        if (layer.masksZero() && c.inputShape().rank() == 2) {
            String keep = nonZero(c, c.input());
            c.setOutputMask(0, c.mask(0) == null ? keep : c.node("Mul", List.of(keep, c.mask(0))));
        }
        return List.of(output);
    }

    /** A float 1 where {@code ids} is not 0, else 0. */
    static String nonZero(ExportContext c, String ids) {
        String zero = c.node("Equal", List.of(ids, c.writer().scalar(c.name("zero"), 0f)));
        return c.node("Cast", List.of(c.node("Not", List.of(zero))), attribute("to", FLOAT));
    }

    /** {@code x} plus the first {@code length} rows of the position table. */
    private static String positions(ExportContext c, PositionalEmbedding layer, String x, int length) {
        Tensor rows = layer.weight().value().slice(0, 0, length);
        return c.node("Add", List.of(x, c.writer().initializer(c.name("weight"), rows)));
    }

    private static List<String> tokenAndPosition(TokenAndPositionEmbedding layer, ExportContext c) {
        ExportContext tokens = c.child("token_embedding", c.inputs(), c.samples(), c.masks());
        String embedded = embedding(layer.tokenEmbedding(), tokens).get(0);
        c.setOutputMask(0, tokens.outputMasks()[0]);
        return List.of(positions(c.child("position_embedding", List.of(), List.of(), List.of()),
                layer.positionEmbedding(), embedded, c.inputShape().dim(1)));
    }

    /** The patch convolution, {@code [N, E, h, w]} to {@code [N, h·w, E]}, after the class token if any. */
    private static List<String> patches(PatchEmbedding layer, ExportContext c) {
        OnnxWriter w = c.writer();
        String projected = Children.export(c, layer, "proj", c.input(), 4);
        String sequence = c.node("Transpose", List.of(c.node("Reshape", List.of(projected,
                w.longs(c.name("shape"), 0, layer.embedDim(), -1)))), attribute("perm", new long[] {0, 2, 1}));
        if (!layer.hasClassToken()) {
            return List.of(sequence);
        }
        String batch = c.node("Slice", List.of(c.node("Shape", c.inputs()), w.longs(c.name("starts"), 0),
                w.longs(c.name("ends"), 1)));
        String shape = c.node("Concat", List.of(batch, w.longs(c.name("token_shape"), 1, layer.embedDim())),
                attribute("axis", 0L));
        String token = c.node("Expand", List.of(w.initializer(c.name("cls_token"),
                layer.namedParameters().get("cls_token").value()), shape));
        return List.of(c.node("Concat", List.of(token, sequence), attribute("axis", 1L)));
    }

    /** Steps whose every feature is the mask value are padding: zeroed, and left out by the mask. */
    private static List<String> masking(Masking layer, ExportContext c) {
        int rank = c.inputShape().rank();
        long[] features = new long[rank - 2];
        for (int i = 0; i < features.length; i++) {
            features[i] = i + 2;
        }
        String differs = c.node("Cast", List.of(c.node("Not", List.of(c.node("Equal", List.of(c.input(),
                c.writer().scalar(c.name("mask_value"), layer.maskValue())))))), attribute("to", FLOAT));
        String keep = CoreLayerExporters.reduce("ReduceMax", c, differs, features, false);
        c.setOutputMask(0, keep);
        String broadcast = c.node("Unsqueeze", List.of(keep, c.writer().longs(c.name("axes"), features)));
        return List.of(c.node("Mul", List.of(c.input(), broadcast)));
    }

    /** Token and position embeddings, the causal blocks, the final norm and the head (or the tied table). */
    private static List<String> languageModel(TransformerLanguageModel layer, ExportContext c) {
        if (layer.config().positions() != TransformerLanguageModel.Positions.LEARNED) {
            throw new IllegalArgumentException("ONNX export: " + (c.path().isEmpty() ? "the model" : c.path())
                    + " (TransformerLanguageModel) uses rotary positions, which have no ONNX form here");
        }
        ExportContext tokens = c.child("token_embedding", c.inputs(), c.samples(), c.masks());
        String x = embedding(layer.tokenEmbedding(), tokens).get(0);
        x = positions(c.child("position_embedding", List.of(), List.of(), List.of()),
                (PositionalEmbedding) layer.children().get("position_embedding"), x, c.inputShape().dim(1));
        Layer blocks = layer.children().get("blocks");
        for (var entry : blocks.children().entrySet()) {
            x = TransformerExporters.causalBlock((dev.nabla.nn.CausalTransformerBlock) entry.getValue(),
                    c.child("blocks." + entry.getKey(), List.of(x), c.samples(), List.of()), x);
        }
        x = Children.export(c, layer, "norm", x, 3);
        if (layer.children().containsKey("head")) {
            return List.of(Children.export(c, layer, "head", x, 3));
        }
        String table = c.writer().initializer(c.name("token_embedding.weight"),
                layer.tokenEmbedding().weight().value());
        return List.of(c.node("MatMul", List.of(x, c.node("Transpose", List.of(table)))));
    }

    /** {@code [N, 2, L]} ids: the source row and the shifted-target row, each padded with 0. */
    private static List<String> seq2seq(Seq2SeqTransformer layer, ExportContext c) {
        int length = c.inputShape().dim(2);
        String source = row(c, 0);
        String target = row(c, 1);
        String sourceKeep = nonZero(c, source);
        String targetKeep = nonZero(c, target);
        Tensor sample = Tensor.zeros(1, length);
        String sourceEmbedded = tokenAndPosition((TokenAndPositionEmbedding) layer.children().get("source_embedding"),
                c.child("source_embedding", List.of(source), List.of(sample), List.of())).get(0);
        String targetEmbedded = tokenAndPosition((TokenAndPositionEmbedding) layer.children().get("target_embedding"),
                c.child("target_embedding", List.of(target), List.of(sample), List.of())).get(0);
        Tensor sequences = Tensor.zeros(1, length, 1);
        String memory = TransformerExporters.encoder(layer.transformer().encoder(), c.child("transformer.encoder",
                List.of(sourceEmbedded), List.of(sequences), List.of()), sourceEmbedded, sourceKeep);
        String decoded = TransformerExporters.decoder(layer.transformer().decoder(), c.child("transformer.decoder",
                List.of(targetEmbedded, memory), List.of(sequences, sequences), List.of()), targetEmbedded, memory,
                targetKeep, sourceKeep);
        c.setOutputMask(0, targetKeep);
        return List.of(Children.export(c, layer, "generator", decoded, 3));
    }

    /** Row {@code index} of {@code [N, 2, L]}: {@code [N, L]}. */
    private static String row(ExportContext c, long index) {
        String picked = c.node("Gather", List.of(c.input(), c.writer().longs(c.name("row"), index)),
                attribute("axis", 1L));
        return c.node("Reshape", List.of(picked, c.writer().longs(c.name("shape"), 0, -1)));
    }
}
