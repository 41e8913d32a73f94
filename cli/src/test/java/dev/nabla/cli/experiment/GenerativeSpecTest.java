package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.generative.Gan;
import dev.nabla.generative.WassersteinGan;
import dev.nabla.optim.Adam;
import dev.nabla.optim.RmsProp;
import dev.nabla.train.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerativeSpecTest {

    private static final String WGAN = """
            data: {name: fashion-mnist}
            model:
              generative: {kind: wgan-gp, latent_size: 16, width: 4, penalty_weight: 5, critic_steps: 3}
            training:
              optimizer:
                generator: {name: adam, learning_rate: 0.0003, beta1: 0.5, beta2: 0.9}
                discriminator: {name: rmsprop, learning_rate: 0.0002}
            """;

    private static Experiment parse(String text) {
        return Experiment.parse(YamlFile.parse(text, "x.yaml"), Path.of("runs", "x"), Experiment.Overrides.NONE);
    }

    private static String failure(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    @Test
    void aWganGpTakesItsPenaltyCriticStepsAndOneOptimizerPerNetwork() {
        Experiment experiment = parse(WGAN);
        Model model = experiment.model().generative().create(new int[] {1, 28, 28}, 1);
        GenerativeRun.compileOptimizers(model, experiment.training());

        WassersteinGan wgan = (WassersteinGan) model;
        assertEquals(5f, wgan.penaltyWeight());
        assertEquals(3, wgan.criticSteps());
        Adam generator = (Adam) wgan.optimizer(Gan.GENERATOR);
        assertEquals(3e-4f, generator.learningRate());
        assertEquals(0.9f, generator.beta2());
        assertEquals(wgan.generator().trainableParameters(), generator.parameters());
        RmsProp critic = (RmsProp) wgan.optimizer(Gan.DISCRIMINATOR);
        assertEquals(2e-4f, critic.learningRate());
        assertEquals(wgan.discriminator().trainableParameters(), critic.parameters());

        Map<?, ?> resolved = (Map<?, ?>) experiment.resolved(new int[] {1, 28, 28}).get("training");
        assertEquals(List.of("generator", "discriminator"), List.copyOf(((Map<?, ?>) resolved.get("optimizer")).keySet()));
        Map<?, ?> generative = (Map<?, ?>) ((Map<?, ?>) experiment.resolved(new int[] {1, 28, 28}).get("model"))
                .get("generative");
        assertEquals(5.0, ((Number) generative.get("penalty_weight")).doubleValue());
        assertEquals(3, generative.get("critic_steps"));
    }

    @Test
    void oneOptimizerServesEveryNetworkAndNoneKeepsTheModelsOwn() {
        String gan = WGAN.replace("kind: wgan-gp", "kind: gan, classes: 10").replace(", penalty_weight: 5, critic_steps: 3",
                "");
        Experiment every = parse(gan.substring(0, gan.indexOf("  optimizer:")) + "  optimizer: {name: sgd, lr: 0.01}\n");
        Model model = every.model().generative().create(new int[] {1, 28, 28}, 1);
        assertTrue(((Gan) model).auxiliaryClassifier(), "a conditional gan classifies unless told otherwise");
        GenerativeRun.compileOptimizers(model, every.training());
        assertEquals(List.of(0.01f, 0.01f), model.optimizers().values().stream().map(o -> o.learningRate()).toList());

        Experiment none = parse(gan.substring(0, gan.indexOf("  optimizer:")) + "  epochs: 2\n");
        Model own = none.model().generative().create(new int[] {1, 28, 28}, 1);
        GenerativeRun.compileOptimizers(own, none.training());
        assertEquals(List.of(2e-4f, 2e-4f), own.optimizers().values().stream().map(o -> o.learningRate()).toList(),
                "Gan's own Adam 2e-4");
        assertFalse(((Gan) parse(gan.replace("classes: 10", "classes: 10, auxiliary_classifier: false")).model()
                .generative().create(new int[] {1, 28, 28}, 1)).auxiliaryClassifier());
    }

    @Test
    void optimizersByNameAndSettingsOfAnotherKindAreRefusedWhereTheyAre() {
        assertEquals("x.yaml:7: training.optimizer.critic: unknown key 'critic'; known: generator, discriminator",
                failure(WGAN.replace("discriminator: {name", "critic: {name")));
        String vae = WGAN.replace("{kind: wgan-gp, latent_size: 16, width: 4, penalty_weight: 5, critic_steps: 3}",
                "{kind: vae}");
        assertTrue(failure(vae).endsWith("training.optimizer: a vae has one optimizer; give it as optimizer: {name:"
                + " adam, ...}"), failure(vae));
        String sequential = WGAN.replace("  generative: {kind: wgan-gp, latent_size: 16, width: 4, penalty_weight: 5,"
                + " critic_steps: 3}", "  sequential: [{type: flatten}, {type: dense, units: 10}]")
                .replace("training:", "training:\n  loss: mse");
        assertTrue(failure(sequential).endsWith("optimizers by network name (generator, discriminator) are for a"
                + " generative gan or wgan-gp; give one optimizer: {name: adam, ...}"), failure(sequential));
        assertTrue(failure(WGAN.replace("critic_steps: 3", "label_smoothing: 0.1")).endsWith(
                "'label_smoothing' is a setting of kind gan, not of wgan-gp"));
        assertTrue(failure(WGAN.replace("kind: wgan-gp", "kind: gan")).endsWith(
                "'penalty_weight' is a setting of kind wgan-gp, not of gan"));
        String scheduled = WGAN.replace("learning_rate: 0.0002}", "learning_rate: {schedule: cosine_annealing,"
                + " initial_learning_rate: 0.01, max_steps: 100}}");
        assertTrue(failure(scheduled).endsWith("a learning-rate schedule is not supported for one network of a"
                + " generative model; give a constant learning_rate"), failure(scheduled));
        assertTrue(failure(WGAN.replace("generator: {", "name: adam\n    generator: {")).contains("unknown key"));
    }
}
