package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.UpdateRules;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay
 * (PyTorch's {@code torch.optim.SGD}, Keras's {@code SGD}). For each parameter θ with
 * gradient g:
 *
 * <pre>
 * g ← g + weightDecay·θ
 * b ← g on the first step, else momentum·b + (1 − dampening)·g      (if momentum ≠ 0)
 * g ← g + momentum·b with Nesterov, else b
 * θ ← θ − learningRate·g
 * </pre>
 *
 * <p>Defaults are PyTorch's: learning rate 1e-3, momentum 0, dampening 0, no Nesterov,
 * weight decay 0. Keras's differ in the learning rate (0.01) and in how momentum is
 * written ({@code v ← momentum·v − lr·g; θ ← θ + v}, the same trajectory at a fixed rate
 * but not when the rate changes).
 *
 * <pre>{@code
 * var sgd = new Sgd(model.trainableParameters(), 0.1f).momentum(0.9f).nesterov(true).weightDecay(1e-4f);
 * }</pre>
 */
public final class Sgd extends Optimizer {

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** Plain SGD with PyTorch's default learning rate 1e-3. */
    public Sgd(List<Parameter> parameters) {
        this(parameters, 1e-3f);
    }

    /** Plain SGD with the given learning rate (PyTorch {@code lr}). */
    public Sgd(List<Parameter> parameters, float learningRate) {
        this(learningRate, new ParameterGroup(parameters));
    }

    /** SGD over parameter groups; groups that set no learning rate use {@code learningRate}. */
    public Sgd(float learningRate, ParameterGroup... groups) {
        super(List.of(groups), learningRate, 0f);
        defineHyperparameter("momentum", 0f);
        defineHyperparameter("dampening", 0f);
        defineHyperparameter("nesterov", 0f);
    }

    /** The momentum factor μ (PyTorch {@code momentum}, Keras {@code momentum}). */
    public float momentum() {
        return hyperparameter("momentum");
    }

    /** Sets the momentum factor; returns this. */
    public Sgd momentum(float value) {
        setHyperparameter("momentum", checkNonNegative("momentum", value));
        return this;
    }

    /** The dampening of the gradient added to the momentum buffer (PyTorch {@code dampening}). */
    public float dampening() {
        return hyperparameter("dampening");
    }

    /** Sets the dampening; returns this. */
    public Sgd dampening(float value) {
        setHyperparameter("dampening", value);
        return this;
    }

    /** Whether Nesterov momentum is used (PyTorch and Keras {@code nesterov}). */
    public boolean nesterov() {
        return hyperparameter("nesterov") != 0f;
    }

    /** Turns Nesterov momentum on or off; it needs momentum > 0 and dampening 0. Returns this. */
    public Sgd nesterov(boolean value) {
        setHyperparameter("nesterov", value ? 1f : 0f);
        return this;
    }

    @Override
    public Sgd weightDecay(float value) {
        super.weightDecay(value);
        return this;
    }

    @Override
    protected void validate() {
        if (nesterov() && (momentum() <= 0 || dampening() != 0)) {
            throw new IllegalStateException("Sgd: Nesterov momentum requires momentum > 0 and dampening 0, got momentum "
                    + momentum() + " and dampening " + dampening());
        }
    }

    @Override
    protected List<String> bufferNames() {
        return List.of(MOMENTUM_BUFFER);
    }

    @Override
    protected void update(float[] value, float[] gradient, ParameterState state, ParameterGroup group) {
        float weightDecay = group.weightDecay();
        float momentum = momentum();
        float keep = (float) (1 - (double) dampening());
        boolean nesterov = nesterov();
        boolean first = !state.has(MOMENTUM_BUFFER);
        float[] buffer = momentum != 0 ? state.buffer(MOMENTUM_BUFFER, value.length) : null;
        float step = -group.learningRate();
        UpdateRules.sgd(value, gradient, buffer, step, weightDecay, momentum, keep, nesterov, first);
    }
}
