package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;

/**
 * The settings of a Transformer layer, with PyTorch's names and defaults
 * ({@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
 * activation='relu', layer_norm_eps=1e-5, norm_first=False)}):
 *
 * <pre>{@code
 * var options = TransformerOptions.of(64, 4).dimFeedforward(128).activation(ActivationFunction.GELU).normFirst(true);
 * var layer = new TransformerEncoderLayer(options);
 * }</pre>
 *
 * @param dModel the width of the sequence features (PyTorch's {@code d_model})
 * @param nhead the attention heads (dividing d_model)
 * @param dimFeedforward the hidden width of the feed-forward block
 * @param dropout the dropout rate after attention, inside and after the feed-forward block, and on
 *     the attention probabilities (in training)
 * @param activation the feed-forward activation: relu or gelu (exact)
 * @param normFirst layer norm before each block (pre-norm) rather than after the residual sum
 * @param layerNormEps the layer norms' epsilon
 */
public record TransformerOptions(int dModel, int nhead, int dimFeedforward, float dropout,
        ActivationFunction activation, boolean normFirst, float layerNormEps) {

    /** Checks the settings, naming the one that is wrong. */
    public TransformerOptions {
        if (dModel < 1 || nhead < 1 || dModel % nhead != 0) {
            throw new IllegalArgumentException("Transformer: d_model (" + dModel
                    + ") must be a positive multiple of nhead (" + nhead + ")");
        }
        if (dimFeedforward < 1) {
            throw new IllegalArgumentException("Transformer: dim_feedforward must be at least 1, got "
                    + dimFeedforward);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("Transformer: dropout must be in [0, 1), got " + dropout);
        }
        if (activation != ActivationFunction.RELU && activation != ActivationFunction.GELU) {
            throw new IllegalArgumentException("Transformer: activation must be relu or gelu, got " + activation);
        }
        if (!(layerNormEps > 0f)) {
            throw new IllegalArgumentException("Transformer: layer_norm_eps must be positive, got " + layerNormEps);
        }
    }

    /** PyTorch's defaults for this width and number of heads. */
    public static TransformerOptions of(int dModel, int nhead) {
        return new TransformerOptions(dModel, nhead, 2048, 0.1f, ActivationFunction.RELU, false, 1e-5f);
    }

    /** These options with another feed-forward width. */
    public TransformerOptions dimFeedforward(int value) {
        return new TransformerOptions(dModel, nhead, value, dropout, activation, normFirst, layerNormEps);
    }

    /** These options with another dropout rate. */
    public TransformerOptions dropout(float value) {
        return new TransformerOptions(dModel, nhead, dimFeedforward, value, activation, normFirst, layerNormEps);
    }

    /** These options with another activation (relu or gelu). */
    public TransformerOptions activation(ActivationFunction value) {
        return new TransformerOptions(dModel, nhead, dimFeedforward, dropout, value, normFirst, layerNormEps);
    }

    /** These options with pre-norm ({@code true}) or post-norm layers. */
    public TransformerOptions normFirst(boolean value) {
        return new TransformerOptions(dModel, nhead, dimFeedforward, dropout, activation, value, layerNormEps);
    }

    /** These options with another layer-norm epsilon. */
    public TransformerOptions layerNormEps(float value) {
        return new TransformerOptions(dModel, nhead, dimFeedforward, dropout, activation, normFirst, value);
    }
}
