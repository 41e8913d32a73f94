package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.AdaGrad;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import dev.nabla.optim.ParameterGroup;
import dev.nabla.optim.RmsProp;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code optimizer: adam} or {@code optimizer: {name: sgd, learning_rate: 0.1, momentum: 0.9}}.
 * The settings are the optimizer's own, in snake case: {@code learning_rate},
 * {@code weight_decay}, and per optimizer {@code beta1}, {@code beta2}, {@code epsilon},
 * {@code amsgrad} (adam, adamw), {@code momentum}, {@code dampening}, {@code nesterov} (sgd),
 * {@code alpha}, {@code epsilon}, {@code momentum}, {@code centered} (rmsprop),
 * {@code learning_rate_decay}, {@code initial_accumulator_value}, {@code epsilon} (adagrad).
 * Each is checked when the file is read, by setting it on an optimizer of one parameter.
 * {@code learning_rate} may also be a schedule stepped after every optimizer update, as Keras
 * takes a schedule for its {@code learning_rate}: {@code {schedule: cosine_annealing,
 * initial_learning_rate: 0.01, max_steps: 1000}} (see {@link ScheduleSpec}). {@code groups} gives
 * named layers their own learning rate and weight decay ({@link ParameterGroupSpec}).
 * A generative model's networks may each have their own: {@code optimizer: {generator: {name:
 * adam, ...}, discriminator: {name: adam, ...}}} ({@link #parseNamed}).
 */
public final class OptimizerSpec {

    private static final List<String> COMMON = List.of("learning_rate", "weight_decay");
    /** PyTorch's (and old Keras's) name for {@code learning_rate}. */
    static final String LEARNING_RATE_ALIAS = "lr";
    private static final Set<String> FLAGS = Set.of("amsgrad", "nesterov", "centered");
    private static final String HYPERPARAMETER = "hyperparameters.";

    private final String name;
    private final Map<String, ConfigNode> settings;
    private final ScheduleSpec schedule;
    /** The networks a generative model may give an optimizer each (a GAN's). */
    static final List<String> NETWORKS = List.of("generator", "discriminator");

    private final List<ParameterGroupSpec> groups;
    private final Optimizer probe;
    private final boolean given;

    private OptimizerSpec(String name, Map<String, ConfigNode> settings, ScheduleSpec schedule,
                          List<ParameterGroupSpec> groups, boolean given) {
        this.name = name;
        this.settings = settings;
        this.schedule = schedule;
        this.groups = groups;
        this.given = given;
        this.probe = create(List.of(new Parameter(Tensor.zeros(1))), null);
    }

    /** An optimizer with its default settings. */
    static OptimizerSpec named(String name) {
        return new OptimizerSpec(name, Map.of(), null, List.of(), false);
    }

    static OptimizerSpec parse(ConfigNode node) {
        ConfigNode nameNode = node.isMap() ? node.asMap().require("name") : node;
        String name = nameNode.asString();
        Optimizer defaults;
        try {
            defaults = Optimizers.byName(name).apply(List.of(new Parameter(Tensor.zeros(1))));
        } catch (IllegalArgumentException e) {
            throw nameNode.error(e.getMessage());
        }
        Map<String, ConfigNode> settings = new LinkedHashMap<>();
        List<ParameterGroupSpec> groups = List.of();
        if (node.isMap()) {
            List<String> known = new ArrayList<>(List.of("name", LEARNING_RATE_ALIAS, "groups"));
            known.addAll(settingNames(defaults));
            ConfigMap map = node.asMap().allowOnly(known);
            if (map.has(LEARNING_RATE_ALIAS) && map.has("learning_rate")) {
                throw map.get(LEARNING_RATE_ALIAS).error("lr is PyTorch's name for learning_rate; give one of them");
            }
            groups = map.has("groups") ? ParameterGroupSpec.parseAll(map.get("groups")) : List.of();
            map.keys().stream().filter(k -> !k.equals("name") && !k.equals("groups") && map.has(k)).forEach(k -> settings.put(
                    k.equals(LEARNING_RATE_ALIAS) ? "learning_rate" : k, map.get(k)));
        }
        ConfigNode rate = settings.get("learning_rate");
        ScheduleSpec schedule = null;
        if (rate != null && rate.isMap()) {
            ConfigMap rateMap = rate.asMap();
            schedule = ScheduleSpec.parse(rateMap, List.of("initial_learning_rate"), null);
            settings.remove("learning_rate");
            if (rateMap.has("initial_learning_rate")) {
                settings.put("learning_rate", rateMap.get("initial_learning_rate"));
            }
        }
        return new OptimizerSpec(name, settings, schedule, groups, true);
    }

    /**
     * The optimizers of {@code optimizer: {generator: ..., discriminator: ...}}, by network
     * name; empty when the node is one optimizer ({@code adam}, {@code {name: adam, ...}}).
     */
    static Map<String, OptimizerSpec> parseNamed(ConfigNode node) {
        if (!node.isMap() || node.asMap().has("name")) {
            return Map.of();
        }
        ConfigMap map = node.asMap();
        if (map.keys().stream().noneMatch(NETWORKS::contains)) {
            throw node.error("an optimizer needs a 'name' (optimizer: {name: adam, learning_rate: 0.001}); a"
                    + " generative model's networks may also have one each: " + String.join(", ", NETWORKS));
        }
        map.allowOnly(NETWORKS);
        Map<String, OptimizerSpec> named = new LinkedHashMap<>();
        for (String network : NETWORKS) {
            if (map.has(network)) {
                OptimizerSpec spec = parse(map.get(network));
                if (spec.schedule != null) {
                    throw map.get(network).error("a learning-rate schedule is not supported for one network"
                            + " of a generative model; give a constant learning_rate");
                }
                if (spec.hasGroups()) {
                    throw map.get(network).error("optimizer groups are not supported for one network of a"
                            + " generative model");
                }
                named.put(network, spec);
            }
        }
        return named;
    }

    /** Whether the file gave this optimizer (not the default adam). */
    boolean given() {
        return given;
    }

    /** Whether the file named layer groups with their own settings ({@code groups}). */
    public boolean hasGroups() {
        return !groups.isEmpty();
    }

    /** {@code learning_rate}, {@code weight_decay} and the optimizer's hyperparameters. */
    private static List<String> settingNames(Optimizer optimizer) {
        List<String> names = new ArrayList<>(COMMON);
        optimizer.state().keySet().stream().filter(k -> k.startsWith(HYPERPARAMETER))
                .map(k -> k.substring(HYPERPARAMETER.length())).forEach(names::add);
        return names;
    }

    /**
     * Makes the optimizer, with the file's settings, once the model's parameters exist; the
     * {@code groups} name layers of {@code network}.
     */
    public Function<List<Parameter>, Optimizer> factory(Layer network) {
        return parameters -> create(parameters, network);
    }

    private Optimizer create(List<Parameter> parameters, Layer network) {
        List<ParameterGroup> parameterGroups = network == null || groups.isEmpty() ? null
                : ParameterGroupSpec.groups(groups, network, parameters);
        Optimizer optimizer = parameterGroups == null ? Optimizers.byName(name).apply(parameters)
                : Optimizers.byName(name, parameterGroups);
        settings.forEach((key, value) -> {
            try {
                set(optimizer, key, value);
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage());
            }
        });
        if (parameterGroups != null) {
            ParameterGroupSpec.setLearningRates(groups, parameterGroups);
        }
        return optimizer;
    }

    private static void set(Optimizer optimizer, String key, ConfigNode value) {
        switch (key) {
            case "learning_rate" -> optimizer.setLearningRate(value.asFloat());
            case "weight_decay" -> optimizer.weightDecay(value.asFloat());
            default -> setHyperparameter(optimizer, key, value);
        }
    }

    private static void setHyperparameter(Optimizer optimizer, String key, ConfigNode value) {
        switch (optimizer) {
            case Adam adam -> {
                switch (key) {
                    case "beta1" -> adam.beta1(value.asFloat());
                    case "beta2" -> adam.beta2(value.asFloat());
                    case "epsilon" -> adam.epsilon(value.asFloat());
                    case "amsgrad" -> adam.amsgrad(value.asBoolean());
                    default -> throw unknown(optimizer, key);
                }
            }
            case Sgd sgd -> {
                switch (key) {
                    case "momentum" -> sgd.momentum(value.asFloat());
                    case "dampening" -> sgd.dampening(value.asFloat());
                    case "nesterov" -> sgd.nesterov(value.asBoolean());
                    default -> throw unknown(optimizer, key);
                }
            }
            case RmsProp rmsProp -> {
                switch (key) {
                    case "alpha" -> rmsProp.alpha(value.asFloat());
                    case "epsilon" -> rmsProp.epsilon(value.asFloat());
                    case "momentum" -> rmsProp.momentum(value.asFloat());
                    case "centered" -> rmsProp.centered(value.asBoolean());
                    default -> throw unknown(optimizer, key);
                }
            }
            case AdaGrad adaGrad -> {
                switch (key) {
                    case "learning_rate_decay" -> adaGrad.learningRateDecay(value.asFloat());
                    case "initial_accumulator_value" -> adaGrad.initialAccumulatorValue(value.asFloat());
                    case "epsilon" -> adaGrad.epsilon(value.asFloat());
                    default -> throw unknown(optimizer, key);
                }
            }
            default -> throw unknown(optimizer, key);
        }
    }

    private static IllegalStateException unknown(Optimizer optimizer, String key) {
        return new IllegalStateException("OptimizerSpec cannot set '" + key + "' of "
                + optimizer.getClass().getSimpleName() + "; add it to setHyperparameter");
    }

    /** The schedule of the learning rate, stepped after every optimizer update; null for a constant rate. */
    ScheduleSpec schedule() {
        return schedule;
    }

    /** Every setting with its value, defaults included, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Map<String, Tensor> state = probe.state();
        Object rate = Experiment.decimal(state.get("groups.0.learning_rate").item());
        if (schedule != null) {
            Map<String, Object> scheduled = new LinkedHashMap<>();
            scheduled.put("schedule", schedule.resolved().get("schedule"));
            scheduled.put("initial_learning_rate", rate);
            scheduled.putAll(schedule.resolved());
            rate = scheduled;
        }
        out.put("learning_rate", rate);
        out.put("weight_decay", Experiment.decimal(state.get("groups.0.weight_decay").item()));
        state.forEach((key, value) -> {
            if (key.startsWith(HYPERPARAMETER)) {
                String setting = key.substring(HYPERPARAMETER.length());
                out.put(setting, FLAGS.contains(setting) ? (Object) (value.item() != 0f) : Experiment.decimal(value.item()));
            }
        });
        if (!groups.isEmpty()) {
            out.put("groups", groups.stream().map(ParameterGroupSpec::resolved).toList());
        }
        return out;
    }
}
