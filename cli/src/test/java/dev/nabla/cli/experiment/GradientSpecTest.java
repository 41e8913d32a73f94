package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.optim.LossScaling;
import dev.nabla.train.DTypePolicy;
import dev.nabla.train.GradientOptions;
import dev.nabla.train.GradientOptions.Clipping;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientSpecTest {

    private static final String FILE = """
            data: digits
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training:
              loss: sparse_categorical_crossentropy
              KEYS
            """;

    private static Experiment parse(String keys) {
        return Experiment.parse(YamlFile.parse(FILE.replace("KEYS", keys), "x.yaml"), Path.of("runs", "x"),
                Experiment.Overrides.NONE);
    }

    private static String failure(String keys) {
        return assertThrows(ConfigException.class, () -> parse(keys)).getMessage();
    }

    @Test
    void theKerasKeysBecomeTheFitsGradientOptions() {
        Experiment experiment = parse("global_clipnorm: 1.0\n  gradient_accumulation_steps: 4");

        assertEquals(new GradientOptions(Clipping.GLOBAL_NORM, 1f, 4), experiment.training().gradients());
        assertEquals(experiment.training().gradients(), ExperimentRun.fitOptions(experiment).gradients());
        assertEquals(new GradientOptions(Clipping.EACH_NORM, 0.5f, 1), parse("clipnorm: 0.5").training().gradients());
        assertEquals(new GradientOptions(Clipping.VALUE, 2f, 1), parse("clipvalue: 2").training().gradients());
        assertEquals(GradientOptions.NONE, parse("epochs: 1").training().gradients());
    }

    @Test
    void theResolvedConfigurationRecordsThemAndReadsBack() {
        Experiment experiment = parse("clipvalue: 0.25\n  gradient_accumulation_steps: 2");
        Map<?, ?> training = (Map<?, ?>) experiment.resolved(new int[] {1, 8, 8}).get("training");
        Map<?, ?> plain = (Map<?, ?>) parse("epochs: 1").resolved(new int[] {1, 8, 8}).get("training");
        String yaml = ExperimentRun.yaml(experiment.resolved(new int[] {1, 8, 8}));

        assertEquals(0.25, training.get("clipvalue"));
        assertEquals(2, training.get("gradient_accumulation_steps"));
        assertEquals(1, plain.get("gradient_accumulation_steps"));
        assertFalse(plain.containsKey("clipnorm") || plain.containsKey("global_clipnorm")
                || plain.containsKey("clipvalue"), "no clipping is written when there is none: " + plain);
        Experiment again = Experiment.parse(YamlFile.parse(yaml, "resolved.yaml"), Path.of("runs", "x"),
                Experiment.Overrides.NONE);
        assertEquals(experiment.training().gradients(), again.training().gradients());
    }

    @Test
    void badValuesAreReportedAtTheirLine() {
        assertEquals("x.yaml:8: training.clipnorm: expected a number greater than 0, got 0", failure("clipnorm: 0"));
        assertEquals("x.yaml:8: training.global_clipnorm: expected a number greater than 0, got -1.5",
                failure("global_clipnorm: -1.5"));
        assertEquals("x.yaml:8: training.clipvalue: expected a number, got 'high'", failure("clipvalue: high"));
        assertEquals("x.yaml:8: training.gradient_accumulation_steps: expected an integer of at least 1, got 0",
                failure("gradient_accumulation_steps: 0"));
    }

    @Test
    void onlyOneClippingMayBeSetAsInKeras() {
        assertEquals("x.yaml:9: training.clipvalue: only one of clipnorm, global_clipnorm and clipvalue can be set,"
                + " as in Keras; 'global_clipnorm' is set too", failure("global_clipnorm: 1\n  clipvalue: 0.5"));
    }

    @Test
    void aMisspelledKeyIsNamedWithTheClosestKnownOne() {
        String message = failure("global_clip_norm: 1");

        assertTrue(message.startsWith("x.yaml:8: training.global_clip_norm: unknown key 'global_clip_norm'"),
                message);
        assertTrue(message.endsWith("did you mean 'global_clipnorm'?"), message);
    }

    @Test
    void lossScaleIsDynamicAFixedNumberOrDynamicWithGivenValues() {
        assertEquals(LossScaling.dynamic(), parse("loss_scale: dynamic").training().gradients().lossScaling());
        assertEquals(LossScaling.fixed(1024f), parse("loss_scale: 1024").training().gradients().lossScaling());
        assertEquals(LossScaling.dynamic().initialScale(32768f).growthInterval(100),
                parse("loss_scale: {initial_scale: 32768, growth_interval: 100}").training().gradients().lossScaling());
        Experiment experiment = parse("loss_scale: dynamic\n  clipnorm: 1.0");
        assertEquals(experiment.training().gradients(), ExperimentRun.fitOptions(experiment).gradients());
        Map<?, ?> training = (Map<?, ?>) experiment.resolved(new int[] {1, 8, 8}).get("training");
        assertEquals(Map.of("initial_scale", 65536.0, "growth_factor", 2.0, "backoff_factor", 0.5,
                "growth_interval", 2000), training.get("loss_scale"));
        String yaml = ExperimentRun.yaml(experiment.resolved(new int[] {1, 8, 8}));
        assertTrue(yaml.contains("loss_scale:"), yaml);
    }

    @Test
    void aWrongLossScaleSaysWhatIsExpected() {
        assertTrue(failure("loss_scale: static").contains("expected 'dynamic', a number"), failure("loss_scale: static"));
        assertTrue(failure("loss_scale: 0").contains("initial scale must be a finite number > 0"),
                failure("loss_scale: 0"));
        assertTrue(failure("loss_scale: {growth: 2}").contains("growth"), failure("loss_scale: {growth: 2}"));
        assertTrue(failure("loss_scale: {backoff_factor: 2}").contains("backoffFactor"),
                failure("loss_scale: {backoff_factor: 2}"));
    }

    @Test
    void dtypePolicyTakesKerasNamesAndReachesTheModel() {
        Experiment experiment = parse("dtype_policy: mixed_bfloat16");
        assertEquals(DTypePolicy.MIXED_BFLOAT16, experiment.training().dtypePolicy());
        assertEquals(DTypePolicy.FLOAT32, parse("epochs: 1").training().dtypePolicy());
        Map<?, ?> training = (Map<?, ?>) experiment.resolved(new int[] {1, 8, 8}).get("training");
        assertEquals("mixed_bfloat16", training.get("dtype_policy"));
        assertEquals(DTypePolicy.MIXED_BFLOAT16, ExperimentRun.compiled(new dev.nabla.nn.Sequential(
                new dev.nabla.nn.Dense(2)), experiment.training()).dtypePolicy());
        assertTrue(failure("dtype_policy: half").contains("unknown dtype policy 'half'; known: float32,"),
                failure("dtype_policy: half"));
    }
}
