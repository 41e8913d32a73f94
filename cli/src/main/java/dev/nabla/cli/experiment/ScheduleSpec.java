package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.INTEGER;
import static dev.nabla.cli.experiment.Setting.Kind.INTEGERS;
import static dev.nabla.cli.experiment.Setting.Kind.NUMBER;
import static dev.nabla.cli.experiment.Setting.Kind.STEPS;

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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A learning-rate schedule of {@code dev.nabla.optim} by its name in snake case, with its
 * settings: {@code {schedule: step_decay, step_size: 30, gamma: 0.1}}, as a
 * {@code learning_rate_scheduler} callback gives it (stepped once per epoch). Each schedule and
 * its settings are declared once in {@link #TYPES}, which both reads the file and describes it.
 * Defaults are PyTorch's. Values are checked when the file is read, by making the schedule once
 * on an optimizer of one parameter.
 */
final class ScheduleSpec {

    /** The default length of the schedules that have one, when the caller gives it (the epochs). */
    static final String LENGTH = "training.epochs";

    /**
     * One schedule.
     *
     * @param name           its name in an experiment file
     * @param implementation the class it creates
     * @param settings       its settings besides {@code schedule}
     * @param factory        makes it for an optimizer from the settings' values
     */
    record ScheduleType(String name, Class<? extends LearningRateSchedule> implementation, List<Setting> settings,
                        BiFunction<Optimizer, Map<String, Object>, LearningRateSchedule> factory) {
    }

    private static final Setting MIN_LEARNING_RATE = Setting.optional("min_learning_rate", NUMBER, 0.0);

    static final List<ScheduleType> TYPES = List.of(
            new ScheduleType("step_decay", StepDecay.class,
                    List.of(Setting.required("step_size", STEPS), Setting.optional("gamma", NUMBER, 0.1)),
                    (optimizer, v) -> new StepDecay(optimizer, integer(v, "step_size"), number(v, "gamma"))),
            new ScheduleType("multi_step_decay", MultiStepDecay.class,
                    List.of(Setting.required("milestones", INTEGERS), Setting.optional("gamma", NUMBER, 0.1)),
                    (optimizer, v) -> new MultiStepDecay(optimizer, number(v, "gamma"), integers(v, "milestones"))),
            new ScheduleType("exponential_decay", ExponentialDecay.class, List.of(Setting.required("gamma", NUMBER)),
                    (optimizer, v) -> new ExponentialDecay(optimizer, number(v, "gamma"))),
            new ScheduleType("cosine_annealing", CosineAnnealing.class,
                    List.of(Setting.following("max_steps", STEPS, LENGTH), MIN_LEARNING_RATE,
                            Setting.optional("warmup_steps", INTEGER, 0),
                            Setting.optional("warmup_start_factor", NUMBER, 1.0 / 3)),   // PyTorch LinearLR's
                    (optimizer, v) -> CosineAnnealing.withWarmup(optimizer, integer(v, "warmup_steps"),
                            number(v, "warmup_start_factor"), integer(v, "max_steps"), number(v, "min_learning_rate"))),
            new ScheduleType("cosine_annealing_warm_restarts", CosineAnnealingWarmRestarts.class,
                    List.of(Setting.required("first_period", STEPS), Setting.optional("period_multiplier", STEPS, 1),
                            MIN_LEARNING_RATE),
                    (optimizer, v) -> new CosineAnnealingWarmRestarts(optimizer, integer(v, "first_period"),
                            integer(v, "period_multiplier"), number(v, "min_learning_rate"))),
            new ScheduleType("one_cycle", OneCycle.class,
                    List.of(Setting.required("max_learning_rate", NUMBER),
                            Setting.following("total_steps", STEPS, LENGTH),
                            Setting.optional("warmup_fraction", NUMBER, 0.3),
                            Setting.optional("initial_divisor", NUMBER, 25.0),
                            Setting.optional("final_divisor", NUMBER, 1e4),
                            Setting.choice("anneal_strategy", "cos", List.of("cos", "linear"))),
                    (optimizer, v) -> new OneCycle(optimizer, number(v, "max_learning_rate"), integer(v, "total_steps"),
                            new OneCycle.Options(number(v, "warmup_fraction"), number(v, "initial_divisor"),
                                    number(v, "final_divisor"), v.get("anneal_strategy").equals("cos")))),
            new ScheduleType("constant", ConstantSchedule.class,
                    List.of(Setting.optional("factor", NUMBER, 1.0 / 3), Setting.optional("total_steps", INTEGER, 5)),
                    (optimizer, v) -> new ConstantSchedule(optimizer, number(v, "factor"), integer(v, "total_steps"))));

    static final List<String> NAMES = TYPES.stream().map(ScheduleType::name).toList();

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
        ScheduleType type = TYPES.stream().filter(t -> t.name().equals(nameNode.asString())).findFirst()
                .orElseThrow(() -> nameNode.error("unknown schedule " + nameNode.describe() + "; known: "
                        + String.join(", ", NAMES)));
        List<String> allowed = new ArrayList<>(otherKeys);
        allowed.add("schedule");
        Map<String, Object> context = defaultLength == null ? Map.of() : Map.of(LENGTH, defaultLength);
        Map<String, Object> values = Setting.read(map, type.settings(), context, allowed);
        Function<Optimizer, LearningRateSchedule> factory = optimizer -> type.factory().apply(optimizer, values);
        try {
            factory.apply(new Sgd(List.of(new Parameter(Tensor.zeros(1))), 0.01f));
        } catch (IllegalArgumentException e) {
            throw map.node().error(e.getMessage());
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("schedule", type.name());
        values.forEach((key, value) -> resolved.put(key, Setting.resolved(value)));
        return new ScheduleSpec(resolved, factory);
    }

    /** Makes the schedule on an optimizer, taking its rates as base rates. */
    Function<Optimizer, LearningRateSchedule> factory() {
        return factory;
    }

    /** The schedule's name and settings, defaults included, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        return resolved;
    }

    private static int integer(Map<String, Object> values, String name) {
        return (Integer) values.get(name);
    }

    private static float number(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).floatValue();
    }

    private static int[] integers(Map<String, Object> values, String name) {
        return ((List<?>) values.get(name)).stream().mapToInt(v -> (Integer) v).toArray();
    }
}
