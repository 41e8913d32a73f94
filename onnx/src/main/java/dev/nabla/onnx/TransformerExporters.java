package dev.nabla.onnx;

import dev.nabla.nn.CausalTransformerBlock;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MultiHeadAttention;
import dev.nabla.nn.Transformer;
import dev.nabla.nn.TransformerDecoder;
import dev.nabla.nn.TransformerDecoderLayer;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.onnx.AttentionWriter.Blocking;
import dev.nabla.onnx.AttentionWriter.Children;
import java.util.List;

/**
 * Attention and the Transformer blocks: {@link MultiHeadAttention}, PyTorch's encoder and decoder
 * layers and stacks, {@link Transformer} and the GPT-style {@link CausalTransformerBlock}, each
 * written out of its sublayers (attention, Dense, LayerNorm) with the residual sums, pre- or
 * post-norm as the layer is set. The padding mask travelling with an input is the keys' padding,
 * as in Nabla. The sequence lengths are the sample's (a causal mask is a constant of that size).
 */
final class TransformerExporters {

    private TransformerExporters() {
    }

    static void registerAll() {
        LayerExporters.register(MultiHeadAttention.class, TransformerExporters::attention);
        LayerExporters.register(TransformerEncoderLayer.class, (layer, c) -> List.of(encoderLayer(layer, c,
                c.input(), c.mask(0))));
        LayerExporters.register(TransformerEncoder.class, (layer, c) -> List.of(encoder(layer, c, c.input(),
                c.mask(0))));
        LayerExporters.register(TransformerDecoderLayer.class, (layer, c) -> List.of(decoderLayer(layer, c,
                c.inputs().get(0), c.inputs().get(1), c.mask(0), c.mask(1))));
        LayerExporters.register(TransformerDecoder.class, (layer, c) -> List.of(decoder(layer, c, c.inputs().get(0),
                c.inputs().get(1), c.mask(0), c.mask(1))));
        LayerExporters.register(Transformer.class, TransformerExporters::transformer);
        LayerExporters.register(CausalTransformerBlock.class, (layer, c) -> List.of(causalBlock(layer, c,
                c.input())));
    }

    /** Keras's call forms: [query], [query, value], [query, value, key], and an attention mask [N, L, S]. */
    private static List<String> attention(MultiHeadAttention layer, ExportContext c) {
        if (layer.returnsAttentionScores()) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " (MultiHeadAttention) returns its"
                    + " attention scores, which have no ONNX form here");
        }
        int count = c.inputs().size();
        int valueIndex = count > 1 ? 1 : 0;
        int keyIndex = count > 2 ? 2 : valueIndex;
        String padding = c.mask(keyIndex) != null ? c.mask(keyIndex) : c.mask(valueIndex);
        Blocking blocking = new Blocking(padding, layer.usesCausalMask(), count > 3 ? c.inputs().get(3) : null);
        return List.of(AttentionWriter.attend(layer, c, c.input(), c.inputs().get(keyIndex),
                c.inputs().get(valueIndex), c.samples().get(0).dim(1), c.samples().get(keyIndex).dim(1), blocking));
    }

    private static int length(ExportContext c, int input) {
        return c.samples().get(input).dim(1);
    }

    static String encoderLayer(TransformerEncoderLayer layer, ExportContext c, String x, String padding) {
        int length = length(c, 0);
        Blocking blocking = new Blocking(padding, false, null);
        MultiHeadAttention attention = layer.selfAttention();
        ExportContext at = c.child("self_attn", List.of(), List.of(), List.of());
        if (layer.options().normFirst()) {
            String normed = norm(c, layer, "norm1", x);
            x = c.node("Add", List.of(x, AttentionWriter.attend(attention, at, normed, normed, normed, length, length,
                    blocking)));
            return c.node("Add", List.of(x, feedForward(c, layer, norm(c, layer, "norm2", x))));
        }
        x = norm(c, layer, "norm1", c.node("Add", List.of(x, AttentionWriter.attend(attention, at, x, x, x, length,
                length, blocking))));
        return norm(c, layer, "norm2", c.node("Add", List.of(x, feedForward(c, layer, x))));
    }

    static String encoder(TransformerEncoder layer, ExportContext c, String x, String padding) {
        Layer layers = layer.children().get("layers");
        for (var entry : layers.children().entrySet()) {
            x = encoderLayer((TransformerEncoderLayer) entry.getValue(), c.child("layers." + entry.getKey(),
                    List.of(x), c.samples(), List.of()), x, padding);
        }
        return layer.hasFinalNorm() ? norm(c, layer, "norm", x) : x;
    }

    /** Causal self-attention with the target's padding, then cross-attention to the memory with the memory's. */
    static String decoderLayer(TransformerDecoderLayer layer, ExportContext c, String x, String memory,
            String targetPadding, String memoryPadding) {
        int targets = length(c, 0);
        int sources = length(c, 1);
        Blocking self = new Blocking(targetPadding, true, null);
        Blocking cross = new Blocking(memoryPadding, false, null);
        MultiHeadAttention selfAttention = (MultiHeadAttention) layer.children().get("self_attn");
        MultiHeadAttention crossAttention = (MultiHeadAttention) layer.children().get("multihead_attn");
        ExportContext at = c.child("self_attn", List.of(), List.of(), List.of());
        ExportContext crossAt = c.child("multihead_attn", List.of(), List.of(), List.of());
        if (layer.options().normFirst()) {
            String normed = norm(c, layer, "norm1", x);
            x = c.node("Add", List.of(x, AttentionWriter.attend(selfAttention, at, normed, normed, normed, targets,
                    targets, self)));
            String query = norm(c, layer, "norm2", x);
            x = c.node("Add", List.of(x, AttentionWriter.attend(crossAttention, crossAt, query, memory, memory, targets,
                    sources, cross)));
            return c.node("Add", List.of(x, feedForward(c, layer, norm(c, layer, "norm3", x))));
        }
        x = norm(c, layer, "norm1", c.node("Add", List.of(x, AttentionWriter.attend(selfAttention, at, x, x, x,
                targets, targets, self))));
        x = norm(c, layer, "norm2", c.node("Add", List.of(x, AttentionWriter.attend(crossAttention, crossAt, x,
                memory, memory, targets, sources, cross))));
        return norm(c, layer, "norm3", c.node("Add", List.of(x, feedForward(c, layer, x))));
    }

    static String decoder(TransformerDecoder layer, ExportContext c, String x, String memory, String targetPadding,
            String memoryPadding) {
        Layer layers = layer.children().get("layers");
        for (var entry : layers.children().entrySet()) {
            x = decoderLayer((TransformerDecoderLayer) entry.getValue(), c.child("layers." + entry.getKey(),
                    List.of(x, memory), c.samples(), List.of()), x, memory, targetPadding, memoryPadding);
        }
        return layer.children().containsKey("norm") ? norm(c, layer, "norm", x) : x;
    }

    /** {@code [source, target]}: the encoder with the source's padding; the decoder causal, crossing with it. */
    private static List<String> transformer(Transformer layer, ExportContext c) {
        String source = c.inputs().get(0);
        String padding = c.mask(0);
        ExportContext encoderContext = c.child("encoder", List.of(source), List.of(c.samples().get(0)), List.of());
        String memory = encoder(layer.encoder(), encoderContext, source, padding);
        ExportContext decoderContext = c.child("decoder", List.of(c.inputs().get(1), memory),
                List.of(c.samples().get(1), c.samples().get(0)), List.of());
        return List.of(decoder(layer.decoder(), decoderContext, c.inputs().get(1), memory, c.mask(1), padding));
    }

    /** GPT's pre-norm block: causal self-attention and a GELU feed-forward block, each with a residual sum. */
    static String causalBlock(CausalTransformerBlock layer, ExportContext c, String x) {
        int length = length(c, 0);
        ExportContext at = c.child("self_attn", List.of(), List.of(), List.of());
        String normed = norm(c, layer, "norm1", x);
        String y = c.node("Add", List.of(x, AttentionWriter.attend(layer.selfAttention(), at, normed, normed, normed,
                length, length, new Blocking(null, true, null))));
        return c.node("Add", List.of(y, feedForward(c, layer, norm(c, layer, "norm2", y))));
    }

    private static String norm(ExportContext c, Layer parent, String name, String x) {
        return Children.export(c, parent, name, x, 3);
    }

    /** {@code linear2(linear1(x))}, linear1's activation fused; dropout is the identity at inference. */
    private static String feedForward(ExportContext c, Layer parent, String x) {
        return Children.export(c, parent, "linear2", Children.export(c, parent, "linear1", x, 3), 3);
    }
}
