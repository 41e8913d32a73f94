package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.ParameterUpdates;

/**
 * The optimizers' update rules over a parameter's elements, run by the kernels (vector or
 * scalar, the same bits) and split over threads for long parameters: what
 * {@code dev.nabla.optim}'s optimizers call inside {@link InPlaceUpdate#apply}. The arguments
 * are one step's coefficients; their formulas are in {@link ParameterUpdates}. Arrays are
 * updated in place and must be as long as {@code value}.
 */
public final class UpdateRules {
    /** Elements per parallel chunk: an update is a few memory passes per element. */
    private static final int GRAIN = 1 << 18;

    private UpdateRules() {
    }

    /** SGD: see {@link ParameterUpdates.Sgd}; {@code buffer} is null without momentum. */
    public static void sgd(float[] value, float[] gradient, float[] buffer, float step, float weightDecay,
                           float momentum, float keep, boolean nesterov, boolean first) {
        var rule = new ParameterUpdates.Sgd(step, weightDecay, momentum, keep, nesterov, first);
        Kernels k = KernelProvider.get();
        Parallel.forChunks(value.length, GRAIN, (s, e) -> k.sgdUpdate(rule, value, gradient, buffer, s, e - s));
    }

    /** Adam and AdamW: see {@link ParameterUpdates.Adam}; {@code vMax} is null without AMSGrad. */
    public static void adam(float[] value, float[] gradient, float[] m, float[] v, float[] vMax, float shrink,
                            float l2, boolean decoupled, float averaging, float b2, float squareWeight,
                            float correction2, float step, float eps) {
        var rule = new ParameterUpdates.Adam(shrink, l2, decoupled, averaging, b2, squareWeight, correction2, step, eps);
        Kernels k = KernelProvider.get();
        Parallel.forChunks(value.length, GRAIN, (s, e) -> k.adamUpdate(rule, value, gradient, m, v, vMax, s, e - s));
    }

    /** RMSprop: see {@link ParameterUpdates.RmsProp}; {@code mean} is null unless centered, {@code buffer} without momentum. */
    public static void rmsProp(float[] value, float[] gradient, float[] square, float[] mean, float[] buffer,
                               float step, float weightDecay, float alpha, float averaging, float eps, float momentum) {
        var rule = new ParameterUpdates.RmsProp(step, weightDecay, alpha, averaging, eps, momentum);
        Kernels k = KernelProvider.get();
        Parallel.forChunks(value.length, GRAIN,
                (s, e) -> k.rmsPropUpdate(rule, value, gradient, square, mean, buffer, s, e - s));
    }

    /** AdaGrad: see {@link ParameterUpdates.AdaGrad}. */
    public static void adaGrad(float[] value, float[] gradient, float[] sum, float step, float weightDecay, float eps) {
        var rule = new ParameterUpdates.AdaGrad(step, weightDecay, eps);
        Kernels k = KernelProvider.get();
        Parallel.forChunks(value.length, GRAIN, (s, e) -> k.adaGradUpdate(rule, value, gradient, sum, s, e - s));
    }
}
