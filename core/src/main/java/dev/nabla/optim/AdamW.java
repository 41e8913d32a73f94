package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * Adam with decoupled weight decay (PyTorch's {@code torch.optim.AdamW}, Keras's
 * {@code AdamW}): before the Adam update, each parameter shrinks by
 * {@code θ ← θ·(1 − learningRate·weightDecay)}, instead of the decay entering the gradient
 * and being rescaled by the adaptive denominator as in {@link Adam}.
 *
 * <p>Defaults are PyTorch's: learning rate 1e-3, weight decay 1e-2, β₁ 0.9, β₂ 0.999, ε 1e-8.
 * Keras's differ: weight decay 0.004, ε 1e-7.
 */
public final class AdamW extends Adam {

    /** AdamW with PyTorch's defaults (learning rate 1e-3, weight decay 1e-2). */
    public AdamW(List<Parameter> parameters) {
        this(parameters, 1e-3f);
    }

    /** AdamW with the given learning rate and weight decay 1e-2. */
    public AdamW(List<Parameter> parameters, float learningRate) {
        super(oneGroup(parameters), learningRate, 1e-2f, true);
    }

    /** AdamW over parameter groups; groups that set no learning rate or weight decay use the defaults. */
    public AdamW(float learningRate, ParameterGroup... groups) {
        super(List.of(groups), learningRate, 1e-2f, true);
    }

    @Override
    public AdamW beta1(float value) {
        super.beta1(value);
        return this;
    }

    @Override
    public AdamW beta2(float value) {
        super.beta2(value);
        return this;
    }

    @Override
    public AdamW epsilon(float value) {
        super.epsilon(value);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean value) {
        super.amsgrad(value);
        return this;
    }

    @Override
    public AdamW weightDecay(float value) {
        super.weightDecay(value);
        return this;
    }
}
