package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * PyTorch's {@code nn.TransformerDecoder}: {@code numLayers} {@link TransformerDecoderLayer}s
 * with the same options, then an optional final layer norm. State-dict names:
 * {@code layers.0.multihead_attn.in_proj_weight}, ..., {@code norm.weight}. The list form
 * {@code [target, memory]} masks the self-attention causally, as the layer's does.
 */
public class TransformerDecoder extends Layer {

    private final TransformerOptions options;
    private final int numLayers;
    private final Sequential layers;
    private final LayerNorm norm;

    /** {@code numLayers} layers with these options and, with {@code finalNorm}, a layer norm after them. */
    public TransformerDecoder(TransformerOptions options, int numLayers, boolean finalNorm) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("TransformerDecoder: num_layers must be at least 1, got " + numLayers);
        }
        this.options = options;
        this.numLayers = numLayers;
        layers = addChild("layers", new Sequential());
        for (int i = 0; i < numLayers; i++) {
            layers.add(new TransformerDecoderLayer(options));
        }
        norm = finalNorm ? addChild("norm", TransformerBlocks.norm(options)) : null;
    }

    /** {@code [target, memory]}: causal self-attention, key padding from the masks attached to both. */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(path() + ": takes [target, memory], got " + inputs.size() + " inputs");
        }
        return forward(inputs.get(0), inputs.get(1), AttentionMask.causalMask(), AttentionMask.none());
    }

    /** PyTorch's call: every layer with {@code tgtMask} and {@code memoryMask}. */
    public Tensor forward(Tensor tgt, Tensor memory, AttentionMask tgtMask, AttentionMask memoryMask) {
        AttentionMask self = TransformerBlocks.withPadding(tgtMask, tgt);
        AttentionMask cross = TransformerBlocks.withPadding(memoryMask, memory);
        Tensor x = tgt;
        for (Layer layer : layers.children().values()) {
            x = ((TransformerDecoderLayer) layer).forward(x, memory, self, cross);
        }
        return norm == null ? x : Masks.attach(norm.forward(x), self.keyPadding());
    }

    /** The layers' settings. */
    public TransformerOptions options() {
        return options;
    }

    /** The number of layers. */
    public int numLayers() {
        return numLayers;
    }

    /** Whether a layer norm follows the layers. */
    public boolean hasFinalNorm() {
        return norm != null;
    }

    @Override
    protected String describe() {
        return "num_layers=" + numLayers + (norm != null ? ", norm" : "");
    }
}
