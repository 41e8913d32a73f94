package dev.nabla.optim;

/**
 * How the loss is scaled before the backward pass so that small float16 gradients do not
 * round to zero: PyTorch's {@code torch.amp.GradScaler} and Keras's
 * {@code LossScaleOptimizer}. The loss is multiplied by the scale, the gradients divided by
 * it before the update; a step whose gradients hold an infinite or NaN value is skipped.
 * Dynamic scaling multiplies the scale by {@code backoffFactor} after such a step and by
 * {@code growthFactor} after {@code growthInterval} steps in a row without one; a fixed
 * scale never changes.
 *
 * <pre>{@code
 * LossScaling.dynamic()                         // PyTorch's defaults: 65536, x2, x0.5, 2000
 * LossScaling.dynamic().initialScale(32768)     // Keras's initial scale
 * LossScaling.fixed(1024)
 * }</pre>
 *
 * @param initialScale   the first scale, a finite number > 0
 * @param growthFactor   the scale's factor after {@code growthInterval} finite steps (> 1; 1 for a fixed scale)
 * @param backoffFactor  its factor after a step with an infinite or NaN gradient (in (0, 1); 1 for a fixed scale)
 * @param growthInterval finite steps in a row before the scale grows (at least 1)
 */
public record LossScaling(float initialScale, float growthFactor, float backoffFactor, int growthInterval) {

    /** Checks the values. */
    public LossScaling {
        if (!(initialScale > 0) || !Float.isFinite(initialScale)) {
            throw new IllegalArgumentException("LossScaling: the initial scale must be a finite number > 0, got "
                    + initialScale);
        }
        if (!(growthFactor >= 1) || !Float.isFinite(growthFactor)) {
            throw new IllegalArgumentException("LossScaling: growthFactor must be a finite number >= 1, got "
                    + growthFactor);
        }
        if (!(backoffFactor > 0 && backoffFactor <= 1)) {
            throw new IllegalArgumentException("LossScaling: backoffFactor must be in (0, 1], got " + backoffFactor);
        }
        if (growthInterval < 1) {
            throw new IllegalArgumentException("LossScaling: growthInterval must be at least 1, got " + growthInterval);
        }
    }

    /** Dynamic scaling with PyTorch's {@code GradScaler} defaults: 65536, doubled every 2000 finite steps, halved on overflow. */
    public static LossScaling dynamic() {
        return new LossScaling(65536f, 2f, 0.5f, 2000);
    }

    /** A scale that never changes (steps with infinite or NaN gradients are still skipped). */
    public static LossScaling fixed(float scale) {
        return new LossScaling(scale, 1f, 1f, 1);
    }

    /** Whether the scale changes with the gradients. */
    public boolean isDynamic() {
        return growthFactor != 1f || backoffFactor != 1f;
    }

    /** The same with this first scale. */
    public LossScaling initialScale(float value) {
        return new LossScaling(value, growthFactor, backoffFactor, growthInterval);
    }

    /** The same with this many finite steps before each growth. */
    public LossScaling growthInterval(int value) {
        return new LossScaling(initialScale, growthFactor, backoffFactor, value);
    }

    /** A new scaler starting at {@link #initialScale}. */
    public LossScaler newScaler() {
        return new LossScaler(this);
    }
}
