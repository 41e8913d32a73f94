package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Limits gradients in place before {@link Optimizer#step()} (PyTorch's
 * {@code clip_grad_norm_} and {@code clip_grad_value_}; Keras's {@code global_clipnorm},
 * {@code clipnorm} and {@code clipvalue}). Parameters without a gradient are skipped.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales all gradients together so that their global L2 norm (the norm of all gradient
     * elements as one vector) is at most {@code maxNorm}: when the norm exceeds it they are
     * multiplied by {@code maxNorm / (norm + 1e-6)}, as in PyTorch. Returns the norm before
     * clipping (infinite or NaN if a gradient is, in which case nothing is changed).
     */
    public static float clipByGlobalNorm(List<Parameter> parameters, float maxNorm) {
        Optimizer.checkNonNegative("clipByGlobalNorm: maxNorm", maxNorm);
        double sumOfSquares = 0;
        for (Parameter p : parameters) {
            if (p.grad() != null) {
                for (float g : p.grad().toFloatArray()) {
                    sumOfSquares += (double) g * g;
                }
            }
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        float scale = (float) (maxNorm / (norm + 1e-6));
        if (Float.isFinite(norm) && scale < 1) {
            try (NoGrad ignored = NoGrad.enter()) {
                for (Parameter p : parameters) {
                    if (p.grad() != null) {
                        p.grad().assign(p.grad().mul(scale));
                    }
                }
            }
        }
        return norm;
    }

    /**
     * Scales each gradient on its own so that its L2 norm is at most {@code maxNorm} (Keras's
     * {@code clipnorm}, {@code clip_by_norm}): {@code g·maxNorm / max(‖g‖, maxNorm)}. A gradient
     * with an infinite or NaN norm is left alone.
     */
    public static void clipEachByNorm(List<Parameter> parameters, float maxNorm) {
        Optimizer.checkNonNegative("clipEachByNorm: maxNorm", maxNorm);
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                double sumOfSquares = 0;
                for (float v : g.toFloatArray()) {
                    sumOfSquares += (double) v * v;
                }
                double norm = Math.sqrt(sumOfSquares);
                if (Double.isFinite(norm) && norm > maxNorm) {
                    g.assign(g.mul((float) (maxNorm / norm)));
                }
            }
        }
    }

    /** Limits every gradient element to [−limit, limit]. */
    public static void clipByValue(List<Parameter> parameters, float limit) {
        Optimizer.checkNonNegative("clipByValue: limit", limit);
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : parameters) {
                Tensor g = p.grad();
                if (g != null) {
                    g.assign(g.clamp(-limit, limit));
                }
            }
        }
    }
}
