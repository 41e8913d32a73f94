package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * The state of {@link LossScaling}: the current scale and the finite steps since it last
 * changed. The low-level loop, as with PyTorch's {@code GradScaler}:
 *
 * <pre>{@code
 * LossScaler scaler = LossScaling.dynamic().newScaler();
 * scaler.scale(loss).backward();
 * boolean finite = scaler.unscale(optimizer.parameters());   // gradients divided by the scale
 * if (finite) {
 *     optimizer.step();                                       // clip before this, if you clip
 * }
 * optimizer.zeroGrad();
 * scaler.update(finite);
 * }</pre>
 *
 * <p>Gradients are divided by the scale the loss was multiplied by, so a scale changed by
 * {@link #update} applies from the next {@link #scale(Tensor)}.
 */
public final class LossScaler {

    private final LossScaling options;
    private float scale;
    private float scaleAtBackward;
    private long finiteSteps;

    LossScaler(LossScaling options) {
        this.options = options;
        this.scale = options.initialScale();
        this.scaleAtBackward = scale;
    }

    /** The loss multiplied by the current scale, to back-propagate. */
    public Tensor scale(Tensor loss) {
        scaleAtBackward = scale;
        return loss.mul(scale);
    }

    /**
     * Divides the parameters' gradients by the scale the loss was multiplied by; returns
     * whether every gradient element is finite (when one is not, the gradients are left as
     * they are and the step should be skipped).
     */
    public boolean unscale(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.grad() != null && !allFinite(p.grad())) {
                return false;
            }
        }
        float inverse = 1f / scaleAtBackward;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : parameters) {
                if (p.grad() != null) {
                    p.grad().assign(p.grad().mul(inverse));
                }
            }
        }
        return true;
    }

    /** Adjusts a dynamic scale after a step: backs off when it was not {@code finite}, grows after enough finite ones. */
    public void update(boolean finite) {
        if (!finite) {
            scale *= options.backoffFactor();
            finiteSteps = 0;
            return;
        }
        finiteSteps++;
        if (finiteSteps >= options.growthInterval()) {
            float grown = scale * options.growthFactor();
            if (Float.isFinite(grown)) {
                scale = grown;
            }
            finiteSteps = 0;
        }
    }

    /** The current scale. */
    public float currentScale() {
        return scale;
    }

    /** Finite steps since the scale last changed. */
    public long finiteSteps() {
        return finiteSteps;
    }

    /** Continues from a saved state ({@link #currentScale()}, {@link #finiteSteps()}), as a checkpoint restores it. */
    public void restore(float value, long steps) {
        if (!(value > 0) || !Float.isFinite(value) || steps < 0) {
            throw new IllegalArgumentException("LossScaler.restore: expected a finite scale > 0 and steps >= 0, got "
                    + value + " and " + steps);
        }
        scale = value;
        scaleAtBackward = value;
        finiteSteps = steps;
    }

    /** The options this scaler follows. */
    public LossScaling options() {
        return options;
    }

    private static boolean allFinite(Tensor gradient) {
        for (float v : gradient.toFloatArray()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
