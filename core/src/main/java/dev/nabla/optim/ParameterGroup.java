package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import java.util.List;

/**
 * Parameters that share a learning rate and a weight decay (an entry of PyTorch's
 * {@code param_groups}). A group that sets neither takes the optimizer's; fine-tuning
 * typically gives a pretrained backbone a smaller rate than a new head:
 *
 * <pre>{@code
 * var adam = new Adam(1e-3f,
 *         new ParameterGroup(backbone.trainableParameters()).learningRate(1e-5f),
 *         new ParameterGroup(head.trainableParameters()));
 * }</pre>
 *
 * A group belongs to one optimizer, which (and whose schedules) change its learning rate.
 */
public final class ParameterGroup {

    private final List<Parameter> parameters;
    private float learningRate = Float.NaN;
    private float weightDecay = Float.NaN;
    private boolean ownWeightDecay;

    /** A group of these parameters, with the optimizer's learning rate and weight decay until set. */
    public ParameterGroup(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** The parameters, in order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** This group's learning rate (PyTorch {@code lr}); NaN before the group is given to an optimizer. */
    public float learningRate() {
        return learningRate;
    }

    /** Sets this group's learning rate; returns this. */
    public ParameterGroup learningRate(float value) {
        learningRate = Optimizer.checkNonNegative("learningRate", value);
        return this;
    }

    /** This group's weight decay (PyTorch {@code weight_decay}); NaN before the group is given to an optimizer. */
    public float weightDecay() {
        return weightDecay;
    }

    /** Sets this group's weight decay, which the optimizer's default then no longer overrides; returns this. */
    public ParameterGroup weightDecay(float value) {
        weightDecay = Optimizer.checkNonNegative("weightDecay", value);
        ownWeightDecay = true;
        return this;
    }

    void inheritLearningRate(float value) {
        if (Float.isNaN(learningRate)) {
            learningRate = value;
        }
    }

    void inheritWeightDecay(float value) {
        if (!ownWeightDecay) {
            weightDecay = value;
        }
    }

    void restore(float learningRate, float weightDecay) {
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    @Override
    public String toString() {
        return "ParameterGroup(" + parameters.size() + " parameters, learningRate=" + learningRate
                + ", weightDecay=" + weightDecay + ")";
    }
}
