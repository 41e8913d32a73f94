package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.ConstantSchedule;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.optim.CosineAnnealingWarmRestarts;
import dev.nabla.optim.ExponentialDecay;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.MultiStepDecay;
import dev.nabla.optim.OneCycle;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Sgd;
import dev.nabla.optim.StepDecay;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A learning-rate schedule of {@code dev.nabla.optim} by its name in snake case, with its
 * settings: {@code {schedule: step_decay, step_size: 30, gamma: 0.1}}. It is given either as an
 * optimizer's {@code learning_rate} (stepped after every optimizer update, as Keras steps a
 * schedule given as {@code learning_rate}) or as a {@code learning_rate_scheduler} callback
 * (stepped once per epoch). Defaults are PyTorch's. Values are checked when the file is read,
 * by making the schedule once on an optimizer of one parameter.
 */
final class ScheduleSpec {

    static final List<String> NAMES = List.of("step_decay", "multi_step_decay", "exponential_decay",
            "cosine_annealing", "cosine_annealing_warm_restarts", "one_cycle", "constant");

    private final Map<String, Object> resolved;
    private final Function<Optimizer, LearningRateSchedule> factory;

    private ScheduleSpec(Map<String, Object> resolved, Function<Optimizer, LearningRateSchedule> factory) {
        this.resolved = resolved;
        this.factory = factory;
    }

    /**
     * Reads the schedule of {@code map}, whose keys besides the schedule's own may only be
     * {@code otherKeys}; {@code defaultLength}, if not null, is the number of steps of
     * {@code cosine_annealing} and {@code one_cycle} when the file gives none (the epochs, for a
     * callback); when null, the file must give it.
     */
    static ScheduleSpec parse(ConfigMap map, List<String> otherKeys, Integer defaultLength) {
        ConfigNode nameNode = map.require("schedule");
        String name = nameNode.asString();
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("schedule", name);
        Function<Optimizer, LearningRateSchedule> factory = switch (name) {
            case "step_decay" -> {
                allow(map, otherKeys, "step_size", "gamma");
                int stepSize = length(map, resolved, "step_size", null);
                float gamma = number(map, resolved, "gamma", 0.1);
                yield optimizer -> new StepDecay(optimizer, stepSize, gamma);
            }
            case "multi_step_decay" -> {
                allow(map, otherKeys, "milestones", "gamma");
                List<Integer> milestones = new ArrayList<>();
                map.require("milestones").asListOrOne().forEach(m -> milestones.add(m.asInt(0)));
                resolved.put("milestones", milestones);
                float gamma = number(map, resolved, "gamma", 0.1);
                int[] steps = milestones.stream().mapToInt(Integer::intValue).toArray();
                yield optimizer -> new MultiStepDecay(optimizer, gamma, steps);
            }
            case "exponential_decay" -> {
                allow(map, otherKeys, "gamma");
                float gamma = map.require("gamma").asFloat();
                resolved.put("gamma", Experiment.decimal(gamma));
                yield optimizer -> new ExponentialDecay(optimizer, gamma);
            }
            case "cosine_annealing" -> cosine(map, otherKeys, resolved, defaultLength);
            case "cosine_annealing_warm_restarts" -> {
                allow(map, otherKeys, "first_period", "period_multiplier", "min_learning_rate");
                int firstPeriod = length(map, resolved, "first_period", null);
                int multiplier = length(map, resolved, "period_multiplier", 1);
                float min = number(map, resolved, "min_learning_rate", 0.0);
                yield optimizer -> new CosineAnnealingWarmRestarts(optimizer, firstPeriod, multiplier, min);
            }
            case "one_cycle" -> oneCycle(map, otherKeys, resolved, defaultLength);
            case "constant" -> {
                allow(map, otherKeys, "factor", "total_steps");
                float factor = number(map, resolved, "factor", 1.0 / 3);
                int totalSteps = map.integer("total_steps", 0, 5);
                resolved.put("total_steps", totalSteps);
                yield optimizer -> new ConstantSchedule(optimizer, factor, totalSteps);
            }
            default -> throw nameNode.error("unknown schedule " + nameNode.describe() + "; known: "
                    + String.join(", ", NAMES));
        };
        try {
            factory.apply(new Sgd(List.of(new Parameter(Tensor.zeros(1))), 0.01f));
        } catch (IllegalArgumentException e) {
            throw map.node().error(e.getMessage());
        }
        return new ScheduleSpec(resolved, factory);
    }

    private static Function<Optimizer, LearningRateSchedule> cosine(ConfigMap map, List<String> otherKeys,
                                                                    Map<String, Object> resolved, Integer length) {
        allow(map, otherKeys, "max_steps", "min_learning_rate", "warmup_steps", "warmup_start_factor");
        int maxSteps = length(map, resolved, "max_steps", length);
        float min = number(map, resolved, "min_learning_rate", 0.0);
        int warmupSteps = map.integer("warmup_steps", 0, 0);
        resolved.put("warmup_steps", warmupSteps);
        float startFactor = number(map, resolved, "warmup_start_factor", 1.0 / 3);   // PyTorch LinearLR's
        return optimizer -> CosineAnnealing.withWarmup(optimizer, warmupSteps, startFactor, maxSteps, min);
    }

    private static Function<Optimizer, LearningRateSchedule> oneCycle(ConfigMap map, List<String> otherKeys,
                                                                      Map<String, Object> resolved, Integer length) {
        allow(map, otherKeys, "max_learning_rate", "total_steps", "warmup_fraction", "initial_divisor",
                "final_divisor", "anneal_strategy");
        float max = map.require("max_learning_rate").asFloat();
        resolved.put("max_learning_rate", Experiment.decimal(max));
        int totalSteps = length(map, resolved, "total_steps", length);
        float warmup = number(map, resolved, "warmup_fraction", 0.3);
        float initialDivisor = number(map, resolved, "initial_divisor", 25.0);
        float finalDivisor = number(map, resolved, "final_divisor", 1e4);
        ConfigNode anneal = map.get("anneal_strategy");
        String strategy = anneal == null ? "cos" : anneal.asString();
        if (!strategy.equals("cos") && !strategy.equals("linear")) {
            throw anneal.error("expected cos or linear (PyTorch's anneal_strategy), got " + anneal.describe());
        }
        resolved.put("anneal_strategy", strategy);
        OneCycle.Options options = new OneCycle.Options(warmup, initialDivisor, finalDivisor, strategy.equals("cos"));
        return optimizer -> new OneCycle(optimizer, max, totalSteps, options);
    }

    private static void allow(ConfigMap map, List<String> otherKeys, String... own) {
        List<String> known = new ArrayList<>(otherKeys);
        known.add("schedule");
        known.addAll(List.of(own));
        map.allowOnly(known);
    }

    /** An integer of at least 1; required when {@code fallback} is null. */
    private static int length(ConfigMap map, Map<String, Object> resolved, String key, Integer fallback) {
        int value = fallback == null ? map.require(key).asInt(1) : map.integer(key, 1, fallback);
        resolved.put(key, value);
        return value;
    }

    /** A number, {@code fallback} when absent. */
    private static float number(ConfigMap map, Map<String, Object> resolved, String key, double fallback) {
        float value = (float) map.number(key, fallback);
        resolved.put(key, Experiment.decimal(value));
        return value;
    }

    /** Makes the schedule on an optimizer, taking its rates as base rates. */
    Function<Optimizer, LearningRateSchedule> factory() {
        return factory;
    }

    /** The schedule's name and settings, defaults included, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        return resolved;
    }
}
