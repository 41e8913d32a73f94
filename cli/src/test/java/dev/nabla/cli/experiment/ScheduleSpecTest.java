package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
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
import dev.nabla.tensor.Tensor;
import dev.nabla.train.ScheduledLearningRate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {

    private static final String FILE = """
            data: digits
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training:
              optimizer: {name: sgd, learning_rate: RATE}
              loss: sparse_categorical_crossentropy
              epochs: 12
            """;

    private static Experiment parse(String rate) {
        return Experiment.parse(YamlFile.parse(FILE.replace("RATE", rate), "x.yaml"), Path.of("runs", "x"),
                Experiment.Overrides.NONE);
    }

    private static Optimizer sgd(float rate) {
        return new Sgd(List.of(new Parameter(Tensor.zeros(1))), rate);
    }

    /** Every schedule by its settings in a file, and the same made directly with a base rate of 0.1. */
    private static Map<String, Function<Optimizer, LearningRateSchedule>> everySchedule() {
        Map<String, Function<Optimizer, LearningRateSchedule>> all = new LinkedHashMap<>();
        all.put("{schedule: step_decay, step_size: 3, gamma: 0.5}", o -> new dev.nabla.optim.StepDecay(o, 3, 0.5f));
        all.put("{schedule: multi_step_decay, milestones: [2, 5]}", o -> new MultiStepDecay(o, 2, 5));
        all.put("{schedule: exponential_decay, gamma: 0.9}", o -> new ExponentialDecay(o, 0.9f));
        all.put("{schedule: cosine_annealing, max_steps: 8, min_learning_rate: 0.01, warmup_steps: 2}",
                o -> CosineAnnealing.withWarmup(o, 2, 1f / 3, 8, 0.01f));
        all.put("{schedule: cosine_annealing_warm_restarts, first_period: 3, period_multiplier: 2}",
                o -> new CosineAnnealingWarmRestarts(o, 3, 2, 0f));
        all.put("{schedule: one_cycle, max_learning_rate: 0.5, total_steps: 10, anneal_strategy: linear}",
                o -> new OneCycle(o, 0.5f, 10, new OneCycle.Options(0.3f, 25f, 1e4f, false)));
        all.put("{schedule: constant, factor: 0.5, total_steps: 4}", o -> new ConstantSchedule(o, 0.5f, 4));
        return all;
    }

    private static void assertSameRates(Function<Optimizer, LearningRateSchedule> expected,
                                        Function<Optimizer, LearningRateSchedule> actual, String what) {
        LearningRateSchedule direct = expected.apply(sgd(0.1f));
        LearningRateSchedule read = actual.apply(sgd(0.1f));
        assertEquals(direct.getClass(), read.getClass(), what);
        for (int step = 0; step < 10; step++) {
            assertEquals(direct.learningRateAt(step), read.learningRateAt(step), 1e-9, what + " at step " + step);
        }
    }

    @Test
    void everyScheduleIsReachableAsTheOptimizersLearningRate() {
        everySchedule().forEach((settings, expected) -> {
            OptimizerSpec optimizer = parse(settings.replace("{", "{initial_learning_rate: 0.1, "))
                    .training().optimizer();
            assertSameRates(expected, optimizer.schedule().factory(), settings);
            assertEquals(0.1f, optimizer.factory(null).apply(List.of(new Parameter(Tensor.zeros(1)))).learningRate());
        });
        assertEquals(ScheduleSpec.NAMES.size(), everySchedule().size(), "every name is tried");
    }

    @Test
    void everyScheduleIsReachableAsAnEpochCallback() {
        everySchedule().forEach((settings, expected) -> {
            String callback = settings.replace("{", "{type: learning_rate_scheduler, ");
            Experiment experiment = Experiment.parse(YamlFile.parse(FILE.replace("RATE", "0.1")
                    + "  callbacks: [" + callback + "]\n", "x.yaml"), Path.of("runs", "x"), Experiment.Overrides.NONE);
            assertTrue(experiment.training().callbacks().get(0).create(Path.of("run")) instanceof ScheduledLearningRate, settings);
        });
    }

    @Test
    void aPerUpdateScheduleReachesFitAndTheResolvedFile() {
        Experiment experiment = parse("{schedule: cosine_annealing, initial_learning_rate: 0.05, max_steps: 100}");
        Map<?, ?> optimizer = (Map<?, ?>) ((Map<?, ?>) experiment.resolved(new int[] {1, 8, 8}).get("training"))
                .get("optimizer");
        String yaml = ExperimentRun.yaml(experiment.resolved(new int[] {1, 8, 8}));
        Experiment again = Experiment.parse(YamlFile.parse(yaml, "resolved.yaml"), Path.of("runs", "x"),
                Experiment.Overrides.NONE);

        assertEquals(Map.of("schedule", "cosine_annealing", "initial_learning_rate", 0.05, "max_steps", 100,
                "min_learning_rate", 0.0, "warmup_steps", 0, "warmup_start_factor", 0.33333334),
                optimizer.get("learning_rate"));
        assertEquals(List.of("schedule", "initial_learning_rate"),
                List.copyOf(((Map<?, ?>) optimizer.get("learning_rate")).keySet()).subList(0, 2));
        assertEquals(yaml, ExperimentRun.yaml(again.resolved(new int[] {1, 8, 8})));
        assertTrue(ExperimentRun.fitOptions(experiment).callbacks().stream()
                .anyMatch(c -> c instanceof ScheduledLearningRate));
        assertTrue(ExperimentRun.fitOptions(parse("0.1")).callbacks().isEmpty());
    }

    @Test
    void anEpochCallbacksLengthDefaultsToTheEpochs() {
        Experiment experiment = Experiment.parse(YamlFile.parse(FILE.replace("RATE", "0.1")
                + "  callbacks: [{type: learning_rate_scheduler, schedule: one_cycle, max_learning_rate: 1}]\n",
                "x.yaml"), Path.of("runs", "x"), Experiment.Overrides.NONE);

        assertEquals(12, experiment.training().callbacks().get(0).resolved().get("total_steps"));
    }

    private static String failure(String rate) {
        return assertThrows(ConfigException.class, () -> parse(rate)).getMessage();
    }

    @Test
    void mistakesAreReportedAtTheirLine() {
        assertEquals("x.yaml:7: training.optimizer.learning_rate.schedule: unknown schedule 'cosine'; known: "
                + String.join(", ", ScheduleSpec.NAMES), failure("{schedule: cosine}"));
        assertEquals("x.yaml:7: training.optimizer.learning_rate: missing required key 'max_steps'",
                failure("{schedule: cosine_annealing}"));
        assertEquals("x.yaml:7: training.optimizer.learning_rate.anneal_strategy: expected one of cos, linear,"
                + " got 'fast'",
                failure("{schedule: one_cycle, max_learning_rate: 1, total_steps: 5, anneal_strategy: fast}"));
        assertTrue(failure("{schedule: multi_step_decay, milestones: [5, 2]}").startsWith(
                "x.yaml:7: training.optimizer.learning_rate: MultiStepDecay: milestones must be increasing"));
        assertTrue(failure("{schedule: step_decay, step_size: 2, gama: 0.5}").endsWith("did you mean 'gamma'?"));
        assertEquals("x.yaml:7: training.optimizer.learning_rate.initial_learning_rate: expected a number, got 'high'",
                failure("{schedule: exponential_decay, gamma: 0.9, initial_learning_rate: high}"));
    }

    @Test
    void callbacksThatAlsoSetTheRateAreRefusedBesideAScheduledRate() {
        String file = FILE.replace("RATE", "{schedule: exponential_decay, gamma: 0.99}")
                + "  callbacks:\n    - {type: early_stopping, monitor: loss}\n    - {type: ReduceLROnPlateau}\n";

        ConfigException e = assertThrows(ConfigException.class, () -> Experiment.parse(YamlFile.parse(file, "x.yaml"),
                Path.of("runs", "x"), Experiment.Overrides.NONE));

        assertEquals("x.yaml:12: training.callbacks[1]: reduce_lr_on_plateau would fight the schedule given as the"
                + " optimizer's learning_rate, which sets the rate at every update; use one of them", e.getMessage());
    }
}
