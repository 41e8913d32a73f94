package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.INTEGER;
import static dev.nabla.cli.experiment.Setting.Kind.INTEGERS;
import static dev.nabla.cli.experiment.Setting.Kind.NUMBER;

import dev.nabla.optim.ConstantSchedule;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.optim.CosineAnnealingWarmRestarts;
import dev.nabla.optim.ExponentialDecay;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.MultiStepDecay;
import dev.nabla.optim.OneCycle;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StepDecay;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The learning-rate schedules that a {@code learning_rate_scheduler} callback names with
 * {@code schedule:}, each with its settings; the schedule is stepped once per epoch, so its
 * steps are epochs. Defaults are PyTorch's.
 */
final class ScheduleSpec {

    /** The context key of the number of epochs, the default length of the schedules that have one. */
    static final String EPOCHS = "training.epochs";

    /**
     * One schedule.
     *
     * @param name           its name in an experiment file
     * @param implementation the class it creates
     * @param settings       its settings besides {@code type} and {@code schedule}
     * @param factory        makes it for an optimizer from the settings' values
     */
    record ScheduleType(String name, Class<? extends LearningRateSchedule> implementation, List<Setting> settings,
                        BiFunction<Optimizer, Map<String, Object>, LearningRateSchedule> factory) {
    }

    static final List<ScheduleType> TYPES = List.of(
            new ScheduleType("step_decay", StepDecay.class,
                    List.of(Setting.required("step_size", INTEGER), Setting.optional("gamma", NUMBER, 0.1)),
                    (optimizer, v) -> new StepDecay(optimizer, integer(v, "step_size"), number(v, "gamma"))),
            new ScheduleType("multi_step_decay", MultiStepDecay.class,
                    List.of(Setting.required("milestones", INTEGERS), Setting.optional("gamma", NUMBER, 0.1)),
                    (optimizer, v) -> new MultiStepDecay(optimizer, number(v, "gamma"), integers(v, "milestones"))),
            new ScheduleType("exponential_decay", ExponentialDecay.class, List.of(Setting.required("gamma", NUMBER)),
                    (optimizer, v) -> new ExponentialDecay(optimizer, number(v, "gamma"))),
            new ScheduleType("cosine_annealing", CosineAnnealing.class,
                    List.of(Setting.following("max_steps", INTEGER, EPOCHS),
                            Setting.optional("min_learning_rate", NUMBER, 0.0)),
                    (optimizer, v) -> new CosineAnnealing(optimizer, integer(v, "max_steps"),
                            number(v, "min_learning_rate"))),
            new ScheduleType("cosine_annealing_warm_restarts", CosineAnnealingWarmRestarts.class,
                    List.of(Setting.required("period", INTEGER), Setting.optional("period_multiplier", INTEGER, 1),
                            Setting.optional("min_learning_rate", NUMBER, 0.0)),
                    (optimizer, v) -> new CosineAnnealingWarmRestarts(optimizer, integer(v, "period"),
                            integer(v, "period_multiplier"), number(v, "min_learning_rate"))),
            new ScheduleType("one_cycle", OneCycle.class,
                    List.of(Setting.required("max_learning_rate", NUMBER), Setting.following("total_steps", INTEGER, EPOCHS),
                            Setting.optional("warmup_fraction", NUMBER, 0.3), Setting.optional("initial_divisor", NUMBER, 25.0),
                            Setting.optional("final_divisor", NUMBER, 1e4),
                            Setting.choice("annealing", "cosine", List.of("cosine", "linear"))),
                    (optimizer, v) -> new OneCycle(optimizer, number(v, "max_learning_rate"), integer(v, "total_steps"),
                            new OneCycle.Options(number(v, "warmup_fraction"), number(v, "initial_divisor"),
                                    number(v, "final_divisor"), v.get("annealing").equals("cosine")))),
            new ScheduleType("constant", ConstantSchedule.class,
                    List.of(Setting.required("factor", NUMBER), Setting.required("total_steps", INTEGER)),
                    (optimizer, v) -> new ConstantSchedule(optimizer, number(v, "factor"), integer(v, "total_steps"))));

    private ScheduleSpec() {
    }

    /** The schedule of this name, or null. */
    static ScheduleType byName(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** The names, in order. */
    static List<String> names() {
        return TYPES.stream().map(ScheduleType::name).toList();
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
