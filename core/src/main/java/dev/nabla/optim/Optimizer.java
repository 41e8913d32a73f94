package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.InPlaceUpdate;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients (PyTorch's {@code torch.optim.Optimizer}, Keras's
 * {@code Optimizer}). The manual loop:
 *
 * <pre>{@code
 * var optimizer = new Sgd(model.trainableParameters(), 0.1f).momentum(0.9f);
 * for (Batch batch : batches) {
 *     optimizer.zeroGrad();
 *     Tensor loss = lossOf(model.forward(batch.x()), batch.y());
 *     loss.backward();
 *     optimizer.step();
 * }
 * }</pre>
 *
 * <p>Parameters are held in {@link ParameterGroup}s, each with its own learning rate and
 * weight decay; the other hyperparameters are shared. Parameters are numbered in group
 * order, which names their state in {@link #state()}: {@code "0.exp_avg"}, {@code "0.step"}.
 *
 * <p>Subclasses implement {@link #update} on plain float arrays, one parameter at a time.
 */
public abstract class Optimizer {

    private final List<ParameterGroup> groups;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<ParameterGroup> groupOfParameter = new ArrayList<>();
    private final List<ParameterState> states = new ArrayList<>();
    private final Map<String, Float> hyperparameters = new LinkedHashMap<>();
    private float defaultWeightDecay;

    /** An optimizer over groups, filling in their unset learning rates and weight decays. */
    protected Optimizer(List<ParameterGroup> groups, float learningRate, float weightDecay) {
        checkNonNegative("learningRate", learningRate);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name() + ": no parameter groups given");
        }
        this.groups = List.copyOf(groups);
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (ParameterGroup group : this.groups) {
            group.inheritLearningRate(learningRate);
            for (Parameter p : group.parameters()) {
                if (seen.put(p, Boolean.TRUE) != null) {
                    throw new IllegalArgumentException(name() + ": " + p + " appears more than once;"
                            + " each parameter may be in one group only");
                }
                parameters.add(p);
                groupOfParameter.add(group);
                states.add(null);
            }
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(name() + ": got an empty parameter list");
        }
        setDefaultWeightDecay(weightDecay);
    }

    /** One group holding all of {@code parameters}, for subclass constructors. */
    protected static List<ParameterGroup> oneGroup(List<Parameter> parameters) {
        return List.of(new ParameterGroup(parameters));
    }

    /**
     * Updates one parameter in place, in one pass: {@code value} holds its elements (row-major;
     * usually the parameter's own storage, else a copy written back afterwards) and is to be
     * changed; {@code gradient} is its gradient, to be read only; {@code state.step()} already
     * counts this update.
     */
    protected abstract void update(float[] value, float[] gradient, ParameterState state, ParameterGroup group);

    /** The names of the buffers {@link #update} keeps, for checking loaded state. */
    protected abstract List<String> bufferNames();

    /** Checks that the hyperparameters fit together; called before each step. */
    protected void validate() {
    }

    /** Updates every trainable parameter that has a gradient; parameters without one are left alone. */
    public final void step() {
        validate();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                Tensor grad = p.grad();
                if (grad == null || !p.isTrainable()) {
                    continue;
                }
                ParameterState state = states.get(i);
                if (state == null) {
                    state = new ParameterState();
                    states.set(i, state);
                }
                state.countStep();
                ParameterState counted = state;
                ParameterGroup group = groupOfParameter.get(i);
                InPlaceUpdate.apply(p.value(), grad, (value, gradient) -> update(value, gradient, counted, group));
            }
        }
    }

    /** Forgets every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        parameters.forEach(Parameter::zeroGrad);
    }

    /** Every parameter, numbered in group order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The parameter groups; change a group's learning rate or weight decay through it. */
    public List<ParameterGroup> groups() {
        return groups;
    }

    /** The first group's learning rate (the only one unless groups were given). */
    public float learningRate() {
        return groups.get(0).learningRate();
    }

    /** Sets every group's learning rate. */
    public void setLearningRate(float value) {
        groups.forEach(g -> g.learningRate(value));
    }

    /** The default weight decay, used by groups that set none. */
    public float weightDecay() {
        return defaultWeightDecay;
    }

    /**
     * Sets the default weight decay (PyTorch {@code weight_decay}) for groups that set none;
     * returns this. Subclasses override it only to return their own type.
     */
    public Optimizer weightDecay(float value) {
        setDefaultWeightDecay(value);
        return this;
    }

    private void setDefaultWeightDecay(float value) {
        defaultWeightDecay = checkNonNegative("weightDecay", value);
        groups.forEach(g -> g.inheritWeightDecay(value));
    }

    /** Declares a hyperparameter shared by all groups, saved in {@link #state()} (booleans as 0 or 1). */
    protected final void defineHyperparameter(String name, float initial) {
        hyperparameters.put(name, initial);
    }

    /** The value of a hyperparameter. */
    protected final float hyperparameter(String name) {
        Float v = hyperparameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name() + ": no hyperparameter '" + name + "'");
        }
        return v;
    }

    /** Sets a declared hyperparameter. */
    protected final void setHyperparameter(String name, float value) {
        hyperparameter(name);
        hyperparameters.put(name, value);
    }

    /**
     * The optimizer's state as tensors, to save with a model: per parameter {@code "i.step"}
     * and its buffers ({@code "i.momentum_buffer"}, {@code "i.exp_avg"}, ...) for parameters
     * updated at least once; per group {@code "groups.g.size"}, {@code "groups.g.learning_rate"}
     * and {@code "groups.g.weight_decay"}; and {@code "hyperparameters.name"} for the shared
     * settings. The tensors are copies.
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            ParameterState s = states.get(i);
            if (s != null) {
                int[] shape = parameters.get(i).shape().toArray();
                out.put(i + ".step", Tensor.scalar(s.step()));
                for (Map.Entry<String, float[]> b : s.buffers().entrySet()) {
                    out.put(i + "." + b.getKey(), Tensor.of(b.getValue().clone(), shape));
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            out.put("groups." + g + ".size", Tensor.scalar(groups.get(g).parameters().size()));
            out.put("groups." + g + ".learning_rate", Tensor.scalar(groups.get(g).learningRate()));
            out.put("groups." + g + ".weight_decay", Tensor.scalar(groups.get(g).weightDecay()));
        }
        hyperparameters.forEach((k, v) -> out.put("hyperparameters." + k, Tensor.scalar(v)));
        return out;
    }

    /**
     * Replaces the state with one from {@link #state()} of an optimizer of the same kind over
     * parameters of the same shapes, in the same groups; restores the groups' learning rates
     * and weight decays and the hyperparameters it holds. Fails, changing nothing, with a
     * message naming every mismatch.
     */
    public void loadState(Map<String, Tensor> state) {
        OptimizerStateLoader.Loaded loaded = new OptimizerStateLoader(name(), parameters, groups,
                bufferNames(), hyperparameters.keySet()).read(state);
        for (int i = 0; i < parameters.size(); i++) {
            states.set(i, loaded.states().get(i));
        }
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).restore(loaded.learningRates()[g], loaded.weightDecays()[g]);
        }
        hyperparameters.putAll(loaded.hyperparameters());
    }

    /** The name used in messages. */
    protected String name() {
        return getClass().getSimpleName();
    }

    static float checkNonNegative(String what, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0, got " + value);
        }
        return value;
    }

    static float checkProbability(String what, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
