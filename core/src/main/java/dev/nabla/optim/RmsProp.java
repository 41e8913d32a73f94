package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.UpdateRules;
import java.util.List;

/**
 * RMSprop (PyTorch's {@code torch.optim.RMSprop}, Keras's {@code RMSprop}): divides the
 * gradient by a running root mean square of recent gradients. For each parameter θ with
 * gradient g:
 *
 * <pre>
 * g ← g + weightDecay·θ
 * s ← α·s + (1 − α)·g²                               (square_avg)
 * a ← α·a + (1 − α)·g, d ← √(s − a²) + ε when centered   (grad_avg)
 *                      d ← √s + ε otherwise
 * b ← momentum·b + g/d, θ ← θ − lr·b when momentum > 0   (momentum_buffer)
 *                      θ ← θ − lr·g/d otherwise
 * </pre>
 *
 * <p>Defaults are PyTorch's: learning rate 1e-2, α 0.99, ε 1e-8, momentum 0, not centered,
 * weight decay 0. Keras's differ: learning rate 1e-3, {@code rho} (α) 0.9, ε 1e-7 added
 * inside the square root.
 */
public final class RmsProp extends Optimizer {

    private static final String SQUARE_AVG = "square_avg";
    private static final String GRAD_AVG = "grad_avg";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** RMSprop with PyTorch's defaults (learning rate 1e-2). */
    public RmsProp(List<Parameter> parameters) {
        this(parameters, 1e-2f);
    }

    /** RMSprop with the given learning rate (PyTorch {@code lr}, Keras {@code learning_rate}). */
    public RmsProp(List<Parameter> parameters, float learningRate) {
        this(learningRate, new ParameterGroup(parameters));
    }

    /** RMSprop over parameter groups; groups that set no learning rate use {@code learningRate}. */
    public RmsProp(float learningRate, ParameterGroup... groups) {
        super(List.of(groups), learningRate, 0f);
        defineHyperparameter("alpha", 0.99f);
        defineHyperparameter("epsilon", 1e-8f);
        defineHyperparameter("momentum", 0f);
        defineHyperparameter("centered", 0f);
    }

    /** The decay of the squared gradient's running average, α (PyTorch {@code alpha}, Keras {@code rho}). */
    public float alpha() {
        return hyperparameter("alpha");
    }

    /** Sets α in [0, 1); returns this. */
    public RmsProp alpha(float value) {
        setHyperparameter("alpha", checkProbability("alpha", value));
        return this;
    }

    /** The term added to the denominator for stability, ε (PyTorch {@code eps}, Keras {@code epsilon}). */
    public float epsilon() {
        return hyperparameter("epsilon");
    }

    /** Sets ε; returns this. */
    public RmsProp epsilon(float value) {
        setHyperparameter("epsilon", checkNonNegative("epsilon", value));
        return this;
    }

    /** The momentum factor (PyTorch and Keras {@code momentum}). */
    public float momentum() {
        return hyperparameter("momentum");
    }

    /** Sets the momentum factor; returns this. */
    public RmsProp momentum(float value) {
        setHyperparameter("momentum", checkNonNegative("momentum", value));
        return this;
    }

    /** Whether gradients are normalised by an estimate of their variance rather than second moment. */
    public boolean centered() {
        return hyperparameter("centered") != 0f;
    }

    /** Turns centering on or off (PyTorch and Keras {@code centered}); returns this. */
    public RmsProp centered(boolean value) {
        setHyperparameter("centered", value ? 1f : 0f);
        return this;
    }

    @Override
    public RmsProp weightDecay(float value) {
        super.weightDecay(value);
        return this;
    }

    @Override
    protected List<String> bufferNames() {
        return List.of(SQUARE_AVG, GRAD_AVG, MOMENTUM_BUFFER);
    }

    @Override
    protected void update(float[] value, float[] gradient, ParameterState state, ParameterGroup group) {
        float weightDecay = group.weightDecay();
        float alpha = alpha();
        float averaging = (float) (1 - (double) alpha);
        float eps = epsilon();
        float momentum = momentum();
        float step = -group.learningRate();
        float[] square = state.buffer(SQUARE_AVG, value.length);
        float[] mean = centered() ? state.buffer(GRAD_AVG, value.length) : null;
        float[] buffer = momentum > 0 ? state.buffer(MOMENTUM_BUFFER, value.length) : null;
        UpdateRules.rmsProp(value, gradient, square, mean, buffer, step, weightDecay, alpha, averaging, eps, momentum);
    }
}
