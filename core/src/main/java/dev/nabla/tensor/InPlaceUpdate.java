package dev.nabla.tensor;

/**
 * The optimizers' in-place update of a parameter from its gradient, in one pass over plain
 * arrays: the sanctioned in-place mutation of tensor storage (with {@link Tensor#assign}).
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     InPlaceUpdate.apply(weight, weight.grad(), (values, gradient) -> {
 *         for (int i = 0; i < values.length; i++) {
 *             values[i] -= 0.1f * gradient[i];
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>A parameter's tensor owns its storage (contiguous, from the first element of its array,
 * which holds nothing else), so the update writes straight into it; any other tensor is
 * copied out and written back. The gradient is passed as its storage when it is laid out
 * the same way, else as a copy.
 */
public final class InPlaceUpdate {

    /** Changes {@code values} (the target's elements, row-major) using {@code gradient}, which it must only read. */
    @FunctionalInterface
    public interface Body {
        void apply(float[] values, float[] gradient);
    }

    private InPlaceUpdate() {
    }

    /**
     * Runs {@code body} on {@code target}'s elements and {@code gradient}'s, both row-major
     * arrays of {@code target.size()} elements, and leaves in {@code target} what the body
     * left in its array. Requires a NoGrad scope when the target requires grad.
     *
     * @throws IllegalArgumentException when the two shapes differ
     */
    public static void apply(Tensor target, Tensor gradient, Body body) {
        if (target.requiresGrad() && NoGrad.isGradEnabled()) {
            throw new IllegalStateException("InPlaceUpdate: this tensor requires grad, so an in-place write would"
                    + " corrupt the graph; do it inside try (NoGrad g = NoGrad.enter()) { ... }");
        }
        if (!target.shape().equals(gradient.shape())) {
            throw new IllegalArgumentException("InPlaceUpdate: a gradient of shape " + gradient.shape()
                    + " does not fit a tensor of shape " + target.shape());
        }
        float[] gradientValues = ownsStorage(gradient) ? gradient.data() : Layout.toArray(gradient);
        if (ownsStorage(target)) {
            try {
                body.apply(target.data(), gradientValues);
            } finally {
                target.storage().modified();
            }
            return;
        }
        float[] values = Layout.toArray(target);
        body.apply(values, gradientValues);
        target.assign(Tensor.wrap(values, target.shape()));
    }

    /** Whether t's elements are its whole storage array, in row-major order. */
    private static boolean ownsStorage(Tensor t) {
        return t.storage() instanceof Storage.FloatStorage && t.offset() == 0 && t.storage().length() == t.size()
                && t.isContiguous();
    }
}
