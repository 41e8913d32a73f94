package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.LayerTypeDescription;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Silu;
import dev.nabla.optim.CosineAnnealing;
import dev.nabla.optim.Sgd;
import dev.nabla.optim.StepDecay;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.train.CsvLogger;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static Vocabulary.Entry entry(List<Vocabulary.Entry> entries, Class<?> implementation) {
        return entries.stream().filter(e -> e.implementation() == implementation).findFirst().orElseThrow();
    }

    private static LayerTypeDescription.Argument argument(Vocabulary.Entry entry, String name) {
        return entry.arguments().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void layerTypesComeWithTheirSnakeCaseNameFirstAndTheirArguments() {
        Vocabulary.Entry conv = entry(Vocabulary.layers(), Conv2d.class);

        assertEquals(List.of("conv2d", "Conv2d", "Convolution2D"), conv.names());
        assertEquals(List.of("filters"), argument(conv, "out_channels").aliases());
        assertTrue(argument(conv, "kernel_size").required());
    }

    @Test
    void namesOfTheSameLossAreOneEntry() {
        assertEquals(List.of("mean_squared_error", "mse"), entry(Vocabulary.losses(), MeanSquaredError.class).names());
    }

    @Test
    void anActivationHasAllItsNamesAndTheLayerAnExperimentAdds() {
        Vocabulary.Activation silu = Vocabulary.activations().stream()
                .filter(a -> a.function() == ActivationFunction.SILU).findFirst().orElseThrow();
        Vocabulary.Activation linear = Vocabulary.activations().get(0);

        assertEquals(List.of("silu", "swish"), silu.names());
        assertEquals(Silu.class, silu.layer());
        assertEquals(ActivationFunction.LINEAR, linear.function());
        assertNull(linear.layer());
    }

    @Test
    void optimizersListEverySettingWithItsDefault() {
        Vocabulary.Entry sgd = entry(Vocabulary.optimizers(), Sgd.class);

        assertEquals(List.of("learning_rate", "weight_decay", "momentum", "dampening", "nesterov"),
                sgd.arguments().stream().map(LayerTypeDescription.Argument::name).toList());
        assertEquals(0.01, argument(sgd, "learning_rate").defaultValue());
        assertEquals(false, argument(sgd, "nesterov").defaultValue());
    }

    @Test
    void callbacksAndSchedulesListTheirSettings() {
        Vocabulary.Entry stepDecay = entry(Vocabulary.schedules(), StepDecay.class);

        assertTrue(argument(stepDecay, "step_size").required());
        assertEquals(0.1, argument(stepDecay, "gamma").defaultValue());
        assertEquals("training.epochs", argument(entry(Vocabulary.schedules(), CosineAnnealing.class),
                "max_steps").defaultFrom());
        assertTrue(Vocabulary.unlistedCallbacks().containsKey(CsvLogger.class));
    }
}
