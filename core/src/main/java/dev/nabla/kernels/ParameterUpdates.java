package dev.nabla.kernels;

/**
 * The optimizers' update rules as kernels: each record holds one step's coefficients (the
 * optimizer folds learning rate, schedule and bias corrections into them) and its
 * {@code apply} is the scalar definition over elements {@code [off, off + n)} of a parameter,
 * its gradient and its state buffers, which it updates in place. {@link Kernels} runs them;
 * the vector twins ({@code VectorParameterUpdates}) compute the same operations in the same
 * order, so both give the same bits.
 */
public final class ParameterUpdates {

    private ParameterUpdates() {
    }

    /**
     * SGD with optional weight decay and momentum (PyTorch's {@code torch.optim.SGD}):
     * {@code g += weightDecay·θ; b = first ? g : momentum·b + keep·g; g = nesterov ? g + momentum·b : b;
     * θ += step·g}, with {@code step = −learningRate} and {@code keep = 1 − dampening}. The
     * buffer may be null when momentum is 0.
     */
    public record Sgd(float step, float weightDecay, float momentum, float keep, boolean nesterov, boolean first) {

        /** The scalar definition. */
        public void apply(float[] value, float[] gradient, float[] buffer, int off, int n) {
            for (int i = off; i < off + n; i++) {
                float g = gradient[i];
                if (weightDecay != 0) {
                    g += weightDecay * value[i];
                }
                if (momentum != 0) {
                    buffer[i] = first ? g : buffer[i] * momentum + keep * g;
                    g = nesterov ? g + momentum * buffer[i] : buffer[i];
                }
                value[i] += step * g;
            }
        }
    }

    /**
     * Adam and AdamW (PyTorch's {@code torch.optim.Adam}, {@code AdamW}): decoupled decay
     * {@code θ *= shrink}, or L2 {@code g += l2·θ}; {@code m = lerp(m, g, averaging)};
     * {@code v = b2·v + squareWeight·g²}; with AMSGrad ({@code vMax} not null)
     * {@code vMax = max(vMax, v)} is used for v; {@code θ += step·m / (√v / correction2 + eps)}.
     */
    public record Adam(float shrink, float l2, boolean decoupled, float averaging, float b2, float squareWeight,
                       float correction2, float step, float eps) {

        /** The scalar definition. */
        public void apply(float[] value, float[] gradient, float[] m, float[] v, float[] vMax, int off, int n) {
            for (int i = off; i < off + n; i++) {
                float g = gradient[i];
                if (decoupled) {
                    if (shrink != 1f) {
                        value[i] *= shrink;
                    }
                } else if (l2 != 0) {
                    g += l2 * value[i];
                }
                m[i] = lerp(m[i], g, averaging);
                v[i] = v[i] * b2 + squareWeight * g * g;
                float second = v[i];
                if (vMax != null) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    second = vMax[i];
                }
                float denominator = (float) Math.sqrt(second) / correction2 + eps;
                value[i] += step * m[i] / denominator;
            }
        }
    }

    /**
     * RMSprop (PyTorch's {@code torch.optim.RMSprop}): {@code g += weightDecay·θ};
     * {@code s = alpha·s + averaging·g²}; centered ({@code mean} not null):
     * {@code μ = lerp(μ, g, averaging)}, variance {@code s − μ²}; {@code d = √variance + eps};
     * with momentum ({@code buffer} not null) {@code b = momentum·b + g/d, θ += step·b},
     * else {@code θ += step·g/d}.
     */
    public record RmsProp(float step, float weightDecay, float alpha, float averaging, float eps, float momentum) {

        /** The scalar definition. */
        public void apply(float[] value, float[] gradient, float[] square, float[] mean, float[] buffer, int off, int n) {
            for (int i = off; i < off + n; i++) {
                float g = gradient[i];
                if (weightDecay != 0) {
                    g += weightDecay * value[i];
                }
                square[i] = square[i] * alpha + averaging * g * g;
                float variance = square[i];
                if (mean != null) {
                    mean[i] = lerp(mean[i], g, averaging);
                    variance = square[i] + -mean[i] * mean[i];
                }
                float denominator = (float) Math.sqrt(variance) + eps;
                if (buffer != null) {
                    buffer[i] = buffer[i] * momentum + g / denominator;
                    value[i] += step * buffer[i];
                } else {
                    value[i] += step * g / denominator;
                }
            }
        }
    }

    /**
     * AdaGrad (PyTorch's {@code torch.optim.Adagrad}): {@code g += weightDecay·θ; s += g²;
     * θ += step·g / (√s + eps)}.
     */
    public record AdaGrad(float step, float weightDecay, float eps) {

        /** The scalar definition. */
        public void apply(float[] value, float[] gradient, float[] sum, int off, int n) {
            for (int i = off; i < off + n; i++) {
                float g = gradient[i];
                if (weightDecay != 0) {
                    g += weightDecay * value[i];
                }
                sum[i] += g * g;
                float denominator = (float) Math.sqrt(sum[i]) + eps;
                value[i] += step * g / denominator;
            }
        }
    }

    /** a + w·(b − a), computed as PyTorch's lerp does for float weights. */
    public static float lerp(float a, float b, float w) {
        return Math.abs(w) < 0.5f ? a + w * (b - a) : b - (b - a) * (1 - w);
    }
}
