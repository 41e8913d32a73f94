package dev.nabla.nn;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * PyTorch's {@code nn.Transformer} (batch first): a {@link TransformerEncoder} over the source and
 * a {@link TransformerDecoder} over the target attending to the encoder's output, each with a
 * final layer norm. State-dict names: {@code encoder.layers.0.*}, {@code encoder.norm.*},
 * {@code decoder.layers.0.*}, {@code decoder.norm.*}. The list form {@code [source, target]}
 * masks the target's self-attention causally and takes key padding from the attached masks.
 */
public class Transformer extends Layer {

    private final TransformerOptions options;
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;

    /** PyTorch's {@code nn.Transformer(d_model, nhead, num_encoder_layers, num_decoder_layers, ...)}. */
    public Transformer(TransformerOptions options, int numEncoderLayers, int numDecoderLayers) {
        this.options = options;
        encoder = addChild("encoder", new TransformerEncoder(options, numEncoderLayers, true));
        decoder = addChild("decoder", new TransformerDecoder(options, numDecoderLayers, true));
    }

    /** {@code [source, target]}. */
    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(path() + ": takes [source, target], got " + inputs.size() + " inputs");
        }
        return forward(inputs.get(0), inputs.get(1), AttentionMask.none(), AttentionMask.causalMask(),
                AttentionMask.none());
    }

    /** PyTorch's call: {@code src_mask}, {@code tgt_mask} and {@code memory_mask} (key padding included). */
    public Tensor forward(Tensor src, Tensor tgt, AttentionMask srcMask, AttentionMask tgtMask,
            AttentionMask memoryMask) {
        AttentionMask source = TransformerBlocks.withPadding(srcMask, src);
        Tensor memory = encoder.forward(src, source);
        AttentionMask cross = memoryMask == null || memoryMask.keyPadding() == null
                ? (memoryMask == null ? AttentionMask.none() : memoryMask).withKeyPadding(source.keyPadding())
                : memoryMask;
        return decoder.forward(tgt, memory, tgtMask, cross);
    }

    /** The layers' settings. */
    public TransformerOptions options() {
        return options;
    }

    /** The encoder. */
    public TransformerEncoder encoder() {
        return encoder;
    }

    /** The decoder. */
    public TransformerDecoder decoder() {
        return decoder;
    }
}
