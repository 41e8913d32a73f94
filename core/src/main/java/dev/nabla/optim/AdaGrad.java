package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.UpdateRules;
import java.util.List;

/**
 * AdaGrad (PyTorch's {@code torch.optim.Adagrad}, Keras's {@code Adagrad}): divides each
 * gradient by the root of the sum of all its past squares. For each parameter θ with
 * gradient g at step t:
 *
 * <pre>
 * g ← g + weightDecay·θ
 * s ← s + g²                                   (sum, starting at initialAccumulatorValue)
 * θ ← θ − lr/(1 + (t − 1)·learningRateDecay) · g / (√s + ε)
 * </pre>
 *
 * <p>Defaults are PyTorch's: learning rate 1e-2, learning-rate decay 0, initial accumulator
 * 0, ε 1e-10, weight decay 0. Keras's differ: learning rate 1e-3, initial accumulator 0.1,
 * ε 1e-7.
 */
public final class AdaGrad extends Optimizer {

    private static final String SUM = "sum";

    /** AdaGrad with PyTorch's defaults (learning rate 1e-2). */
    public AdaGrad(List<Parameter> parameters) {
        this(parameters, 1e-2f);
    }

    /** AdaGrad with the given learning rate (PyTorch {@code lr}, Keras {@code learning_rate}). */
    public AdaGrad(List<Parameter> parameters, float learningRate) {
        this(learningRate, new ParameterGroup(parameters));
    }

    /** AdaGrad over parameter groups; groups that set no learning rate use {@code learningRate}. */
    public AdaGrad(float learningRate, ParameterGroup... groups) {
        super(List.of(groups), learningRate, 0f);
        defineHyperparameter("learning_rate_decay", 0f);
        defineHyperparameter("initial_accumulator_value", 0f);
        defineHyperparameter("epsilon", 1e-10f);
    }

    /** The decay of the learning rate with the step count (PyTorch {@code lr_decay}). */
    public float learningRateDecay() {
        return hyperparameter("learning_rate_decay");
    }

    /** Sets the learning-rate decay; returns this. */
    public AdaGrad learningRateDecay(float value) {
        setHyperparameter("learning_rate_decay", checkNonNegative("learningRateDecay", value));
        return this;
    }

    /** The starting value of the sum of squares (PyTorch and Keras {@code initial_accumulator_value}). */
    public float initialAccumulatorValue() {
        return hyperparameter("initial_accumulator_value");
    }

    /** Sets the starting sum of squares, used by parameters not yet updated; returns this. */
    public AdaGrad initialAccumulatorValue(float value) {
        setHyperparameter("initial_accumulator_value", checkNonNegative("initialAccumulatorValue", value));
        return this;
    }

    /** The term added to the denominator for stability, ε (PyTorch {@code eps}, Keras {@code epsilon}). */
    public float epsilon() {
        return hyperparameter("epsilon");
    }

    /** Sets ε; returns this. */
    public AdaGrad epsilon(float value) {
        setHyperparameter("epsilon", checkNonNegative("epsilon", value));
        return this;
    }

    @Override
    public AdaGrad weightDecay(float value) {
        super.weightDecay(value);
        return this;
    }

    @Override
    protected List<String> bufferNames() {
        return List.of(SUM);
    }

    @Override
    protected void update(float[] value, float[] gradient, ParameterState state, ParameterGroup group) {
        float weightDecay = group.weightDecay();
        float eps = epsilon();
        float[] sum = state.buffer(SUM, value.length, initialAccumulatorValue());
        double rate = group.learningRate() / (1 + (state.step() - 1) * (double) learningRateDecay());
        float step = (float) -rate;
        UpdateRules.adaGrad(value, gradient, sum, step, weightDecay, eps);
    }
}
