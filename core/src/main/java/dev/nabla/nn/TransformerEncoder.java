package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoder}: {@code numLayers} {@link TransformerEncoderLayer}s
 * with the same options (each with its own weights), then an optional final layer norm (PyTorch's
 * {@code norm}, which {@code nn.Transformer} adds and pre-norm stacks need). State-dict names:
 * {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight}.
 */
public class TransformerEncoder extends Layer {

    private final TransformerOptions options;
    private final int numLayers;
    private final Sequential layers;
    private final LayerNorm norm;

    /** {@code numLayers} layers with these options and, with {@code finalNorm}, a layer norm after them. */
    public TransformerEncoder(TransformerOptions options, int numLayers, boolean finalNorm) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("TransformerEncoder: num_layers must be at least 1, got " + numLayers);
        }
        this.options = options;
        this.numLayers = numLayers;
        layers = addChild("layers", new Sequential());
        for (int i = 0; i < numLayers; i++) {
            layers.add(new TransformerEncoderLayer(options));
        }
        norm = finalNorm ? addChild("norm", TransformerBlocks.norm(options)) : null;
    }

    @Override
    protected Tensor call(Tensor src) {
        return forward(src, AttentionMask.none());
    }

    /** Every layer on {@code src [N, L, d_model]} with this mask (key padding from {@code src}'s by default). */
    public Tensor forward(Tensor src, AttentionMask mask) {
        AttentionMask m = TransformerBlocks.withPadding(mask, src);
        Tensor x = src;
        for (Layer layer : layers.children().values()) {
            x = ((TransformerEncoderLayer) layer).forward(x, m);
        }
        return norm == null ? x : Masks.attach(norm.forward(x), m.keyPadding());
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
