package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Convolution;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * The inference fast path of a {@link Conv2d} followed by a {@link BatchNorm2d} on its running
 * statistics (and a ReLU, or a residual block's add and activation): the batch norm folded into
 * the convolution as a per-channel scale and shift applied while each output tile is stored
 * ({@link Convolution#conv2dScaled}), so the convolution's output is never written out, normalised
 * and read again. Used by {@link Sequential} and {@link Residual} whenever no graph is recorded;
 * the result equals the layers applied one by one up to float rounding.
 */
final class ConvolutionFolding {

    private ConvolutionFolding() {
    }

    /**
     * {@code layers[from, to)} applied in order to x, each conv → batch norm (→ ReLU) that
     * {@link #foldable} allows as one folded call.
     */
    static Tensor forward(List<Layer> layers, int from, int to, Tensor x) {
        for (int i = from; i < to; i++) {
            Layer layer = layers.get(i);
            int pooled = pooledAfter(layers, i, to, x);
            if (pooled > 0) {
                x = pool(layers, i, pooled, x);
                i = pooled;
            } else if (i + 1 < to && foldable(layer, layers.get(i + 1), x)) {
                boolean relu = i + 2 < to && layers.get(i + 2).getClass() == Relu.class;
                x = apply(layer, layers.get(i + 1), x, null, relu ? ActivationFunction.RELU : ActivationFunction.LINEAR);
                i += relu ? 2 : 1;
            } else {
                x = layer.forward(x);
            }
        }
        return x;
    }

    /**
     * Where the {@link MaxPool2d} of a conv → (ReLU →) 2 × 2 pooling starting at {@code layers[i]}
     * is, when the three (or two) may run as one {@link Convolution#conv2dMaxPooled} call on this
     * input now; else 0. The conv must be built (its first call goes layer by layer) and no
     * forward hook may be waiting for an output the call skips.
     */
    static int pooledAfter(List<Layer> layers, int i, int to, Tensor input) {
        if (NoGrad.isGradEnabled() || input.rank() != 4 || !(layers.get(i) instanceof Conv2d c)
                || c.getClass() != Conv2d.class || !c.isBuilt() || c.observed() || input.dim(1) != c.inChannels()) {
            return 0;
        }
        int next = i + 1;
        if (next < to && layers.get(next).getClass() == Relu.class && c.activation() == ActivationFunction.LINEAR
                && !layers.get(next).observed()) {
            next++;
        }
        return next < to && layers.get(next) instanceof MaxPool2d p && p.getClass() == MaxPool2d.class
                && p.isBuilt() && p.kernelSize() == 2 && p.stride() == 2 && p.padding() == 0 && !p.observed()
                ? next : 0;
    }

    /** {@code layers[i, pool]} (conv, maybe ReLU, pooling) as one call, for a {@link #pooledAfter} match. */
    private static Tensor pool(List<Layer> layers, int i, int pool, Tensor x) {
        Conv2d c = (Conv2d) layers.get(i);
        ActivationFunction activation = pool - i == 2 ? ActivationFunction.RELU : c.activation();
        try {
            return Convolution.conv2dMaxPooled(x, c.weight().value(), c.useBias() ? c.bias().value() : null,
                    c.options(), activation);
        } catch (IllegalArgumentException e) {
            throw c.atThisLayer(e);
        }
    }

    /** Whether {@code conv} then {@code norm} may run as one folded call on this input now. */
    static boolean foldable(Layer conv, Layer norm, Tensor input) {
        if (!NoGrad.isGradEnabled() && input.rank() == 4 && conv instanceof Conv2d c && norm instanceof BatchNorm2d b) {
            // Built as forward would build them, so that the first call folds as every later one does.
            if (!c.isBuilt()) {
                c.build(input.shape().toArray());
            }
            if (!b.isBuilt()) {
                b.build(1, c.outChannels(), 1, 1);
            }
        }
        return !NoGrad.isGradEnabled() && input.rank() == 4
                && conv instanceof Conv2d c && norm instanceof BatchNorm2d b
                && c.isBuilt() && b.isBuilt() && c.activation() == ActivationFunction.LINEAR && !c.observed()
                && !(b.isTraining() && b.isTrainable()) && b.numFeatures() == c.outChannels()
                && input.dim(1) == c.inChannels();
    }

    /**
     * {@code activation(norm(conv(input)) + residual)} (no residual when null), for layers that
     * passed {@link #foldable}.
     */
    static Tensor apply(Layer conv, Layer norm, Tensor input, Tensor residual, ActivationFunction activation) {
        Conv2d c = (Conv2d) conv;
        BatchNorm2d b = (BatchNorm2d) norm;
        int channels = c.outChannels();
        float[] mean = b.runningMean().toFloatArray();
        float[] variance = b.runningVar().toFloatArray();
        float[] gamma = b.affine() ? b.weight().value().toFloatArray() : null;
        float[] beta = b.affine() ? b.bias().value().toFloatArray() : null;
        float[] bias = c.useBias() ? c.bias().value().toFloatArray() : null;
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int k = 0; k < channels; k++) {
            double s = (gamma == null ? 1.0 : gamma[k]) / Math.sqrt((double) variance[k] + b.eps());
            double t = (beta == null ? 0.0 : beta[k]) - mean[k] * s;
            scale[k] = (float) s;
            shift[k] = (float) (bias == null ? t : t + bias[k] * s);
        }
        try {
            return Convolution.conv2dScaled(input, c.weight().value(), Tensor.of(scale, channels),
                    Tensor.of(shift, channels), c.options(), residual, activation);
        } catch (IllegalArgumentException e) {
            throw c.atThisLayer(e);
        }
    }
}
