package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.UpdateRules;
import java.util.List;

/**
 * Adam, adaptive moment estimation (PyTorch's {@code torch.optim.Adam}, Keras's
 * {@code Adam}), with the AMSGrad variant as an option. For each parameter θ with
 * gradient g at step t:
 *
 * <pre>
 * g ← g + weightDecay·θ                          (L2 through the gradient; see {@link AdamW})
 * m ← β₁·m + (1 − β₁)·g                           (exp_avg)
 * v ← β₂·v + (1 − β₂)·g²                          (exp_avg_sq)
 * v̂ ← max(v̂, v) with AMSGrad, else v             (max_exp_avg_sq)
 * θ ← θ − lr/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>Defaults are PyTorch's: learning rate 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8, weight decay 0,
 * no AMSGrad. Keras uses ε 1e-7 and adds it to the uncorrected √v (ε̂ of the paper), which
 * matters only while v is tiny.
 */
public class Adam extends Optimizer {

    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final boolean decoupledWeightDecay;

    /** Adam with PyTorch's defaults (learning rate 1e-3). */
    public Adam(List<Parameter> parameters) {
        this(parameters, 1e-3f);
    }

    /** Adam with the given learning rate (PyTorch {@code lr}, Keras {@code learning_rate}). */
    public Adam(List<Parameter> parameters, float learningRate) {
        this(oneGroup(parameters), learningRate, 0f, false);
    }

    /** Adam over parameter groups; groups that set no learning rate use {@code learningRate}. */
    public Adam(float learningRate, ParameterGroup... groups) {
        this(List.of(groups), learningRate, 0f, false);
    }

    Adam(List<ParameterGroup> groups, float learningRate, float weightDecay, boolean decoupledWeightDecay) {
        super(groups, learningRate, weightDecay);
        this.decoupledWeightDecay = decoupledWeightDecay;
        defineHyperparameter("beta1", 0.9f);
        defineHyperparameter("beta2", 0.999f);
        defineHyperparameter("epsilon", 1e-8f);
        defineHyperparameter("amsgrad", 0f);
    }

    /** The decay of the gradient's running average, β₁ (PyTorch {@code betas[0]}, Keras {@code beta_1}). */
    public float beta1() {
        return hyperparameter("beta1");
    }

    /** Sets β₁ in [0, 1); returns this. */
    public Adam beta1(float value) {
        setHyperparameter("beta1", checkProbability("beta1", value));
        return this;
    }

    /** The decay of the squared gradient's running average, β₂ (PyTorch {@code betas[1]}, Keras {@code beta_2}). */
    public float beta2() {
        return hyperparameter("beta2");
    }

    /** Sets β₂ in [0, 1); returns this. */
    public Adam beta2(float value) {
        setHyperparameter("beta2", checkProbability("beta2", value));
        return this;
    }

    /** The term added to the denominator for stability, ε (PyTorch {@code eps}, Keras {@code epsilon}). */
    public float epsilon() {
        return hyperparameter("epsilon");
    }

    /** Sets ε; returns this. */
    public Adam epsilon(float value) {
        setHyperparameter("epsilon", checkNonNegative("epsilon", value));
        return this;
    }

    /** Whether the AMSGrad variant is used (PyTorch and Keras {@code amsgrad}). */
    public boolean amsgrad() {
        return hyperparameter("amsgrad") != 0f;
    }

    /** Turns AMSGrad on or off; returns this. */
    public Adam amsgrad(boolean value) {
        setHyperparameter("amsgrad", value ? 1f : 0f);
        return this;
    }

    @Override
    public Adam weightDecay(float value) {
        super.weightDecay(value);
        return this;
    }

    @Override
    protected List<String> bufferNames() {
        return List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);
    }

    @Override
    protected void update(float[] value, float[] gradient, ParameterState state, ParameterGroup group) {
        double learningRate = group.learningRate();
        double weightDecay = group.weightDecay();
        double beta1 = beta1();
        double beta2 = beta2();
        float eps = epsilon();
        int t = state.step();
        float[] m = state.buffer(EXP_AVG, value.length);
        float[] v = state.buffer(EXP_AVG_SQ, value.length);
        float[] vMax = amsgrad() ? state.buffer(MAX_EXP_AVG_SQ, value.length) : null;
        float shrink = (float) (1 - learningRate * weightDecay);
        float l2 = (float) weightDecay;
        float averaging = (float) (1 - beta1);
        float b2 = (float) beta2;
        float squareWeight = (float) (1 - beta2);
        float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float step = (float) -(learningRate / (1 - Math.pow(beta1, t)));
        UpdateRules.adam(value, gradient, m, v, vMax, shrink, l2, decoupledWeightDecay && weightDecay != 0, averaging,
                b2, squareWeight, correction2, step, eps);
    }
}
