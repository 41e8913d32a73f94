package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.train.EarlyStopping;
import dev.nabla.train.ScheduledLearningRate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackSpecTest {

    private static CallbackSpec parse(String entry) {
        return CallbackSpec.parse(YamlFile.parse(entry, "x.yaml"), 12);
    }

    @Test
    void aCallbackIsNamedByItsKerasNameOrItsClassNameAndResolvesEveryDefault() {
        CallbackSpec byClass = parse("{type: EarlyStopping, monitor: val_accuracy}");

        assertInstanceOf(EarlyStopping.class, byClass.create(Path.of("run")));
        assertEquals(Map.of("type", "early_stopping", "monitor", "val_accuracy", "patience", 0, "min_delta", 0.0,
                "mode", "max", "restore_best_weights", false), byClass.resolved());
    }

    @Test
    void aScheduleTakesItsSettingsBesideItsNameAndItsLengthFromTheEpochs() {
        CallbackSpec oneCycle = parse("{type: learning_rate_scheduler, schedule: one_cycle, max_learning_rate: 0.1}");
        CallbackSpec milestones = parse("{type: learning_rate_scheduler, schedule: multi_step_decay,"
                + " milestones: [3, 6], gamma: 0.5}");

        assertInstanceOf(ScheduledLearningRate.class, oneCycle.create(Path.of("run")));
        assertEquals(Map.of("type", "learning_rate_scheduler", "schedule", "one_cycle", "max_learning_rate", 0.1,
                "total_steps", 12, "warmup_fraction", 0.3, "initial_divisor", 25.0, "final_divisor", 10000.0,
                "anneal_strategy", "cos"), oneCycle.resolved());
        assertEquals(List.of(3, 6), milestones.resolved().get("milestones"));
    }

    @Test
    void mistakesAreReportedAtTheirKey() {
        ConfigException schedule = assertThrows(ConfigException.class,
                () -> parse("{type: learning_rate_scheduler, schedule: cosine}"));
        ConfigException missing = assertThrows(ConfigException.class,
                () -> parse("{type: learning_rate_scheduler, schedule: step_decay}"));
        ConfigException choice = assertThrows(ConfigException.class,
                () -> parse("{type: learning_rate_scheduler, schedule: one_cycle, max_learning_rate: 1,"
                        + " anneal_strategy: cubic}"));
        ConfigException misplaced = assertThrows(ConfigException.class,
                () -> parse("{type: learning_rate_scheduler, schedule: exponential_decay, gamma: 0.9, step_size: 2}"));

        assertEquals("schedule", schedule.path());
        assertEquals("unknown schedule 'cosine'; known: " + String.join(", ", ScheduleSpec.NAMES),
                schedule.problem());
        assertEquals("missing required key 'step_size'", missing.problem());
        assertEquals("anneal_strategy", choice.path());
        assertEquals("step_size", misplaced.path());
    }

    @Test
    void anAlwaysOnCallbackIsRefusedWithTheReason() {
        ConfigException csv = assertThrows(ConfigException.class, () -> parse("{type: csv_logger}"));

        assertEquals("type", csv.path());
        assertEquals("is not listed in an experiment file: always on: every run writes history.csv into its output"
                + " directory", csv.problem());
    }
}
