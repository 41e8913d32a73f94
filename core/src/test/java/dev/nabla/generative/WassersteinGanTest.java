package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WassersteinGanTest {

    private static final int LATENT = 3;
    /** 32 images [1, 4, 4] bright in the top half. */
    private static final TensorDataset IMAGES = new TensorDataset(Tensor.rand(new Generator(2), 32, 1, 4, 4)
            .mul(0.2f).add(Tensor.of(new float[] {0.7f, 0.7f, 0.1f, 0.1f}, 1, 1, 4, 1)), Tensor.zeros(32));

    @TempDir
    Path directory;

    private static WassersteinGan tiny(long seed, int criticSteps) {
        Layer.manualSeed(seed);
        return new WassersteinGan(new Sequential(Dense.linear(LATENT, 16), new Tanh(), new Reshape(1, 4, 4)),
                new Sequential(new Flatten(), Dense.linear(16, 8), new Tanh(), Dense.linear(8, 1)), LATENT, 0, 10f,
                criticSteps);
    }

    private static FitOptions epochs(int from, int to) {
        return FitOptions.defaults().epochs(to).initialEpoch(from).batchSize(8).shuffle(true, 5).verbose(false);
    }

    @Test
    void aResumedRunContinuesWithTheLossesOfTheUninterruptedOne() throws IOException {
        History whole = tiny(3, 3).fit(IMAGES, epochs(0, 4));

        Path file = directory.resolve("last.nabla");
        History before = tiny(3, 3).fit(IMAGES, epochs(0, 2).callbacks(new ModelCheckpoint(file)));
        WassersteinGan resumed = WassersteinGan.load(file);
        assertEquals(10f, resumed.penaltyWeight());
        assertEquals(3, resumed.criticSteps());
        assertEquals(8, resumed.globalStep());
        History after = resumed.fit(IMAGES, epochs(2, 4));

        assertEquals(List.of("d_loss", "wasserstein", "gradient_penalty", "g_loss", "generator_learning_rate",
                "discriminator_learning_rate"), List.copyOf(whole.values().keySet()));
        for (String key : List.of("d_loss", "wasserstein", "gradient_penalty", "g_loss")) {
            assertEquals(whole.get(key).subList(0, 2), before.get(key), key);
            assertEquals(whole.get(key).subList(2, 4), after.get(key), key + " after resuming");
        }
        assertEquals(1e-4, whole.last("generator_learning_rate"), 1e-9);
        assertEquals(0.9f, ((Adam) resumed.optimizer(Gan.DISCRIMINATOR)).beta2(), "the paper's betas");
    }

    @Test
    void theCriticLearnsEveryBatchAndTheGeneratorEveryCriticStepsBatches() {
        WassersteinGan wgan = tiny(4, 2);
        float[] generatorBefore = wgan.generator().trainableParameters().get(0).value().toFloatArray();
        float[] criticBefore = wgan.discriminator().trainableParameters().get(0).value().toFloatArray();
        TensorDataset one = IMAGES.slice(0, 8);
        History first = wgan.fit(one, FitOptions.defaults().epochs(1).batchSize(8).verbose(false));
        assertFalse(first.values().containsKey("g_loss"), "no generator step yet: " + first.values().keySet());
        assertArrayEquals(generatorBefore, wgan.generator().trainableParameters().get(0).value().toFloatArray());
        assertFalse(java.util.Arrays.equals(criticBefore,
                wgan.discriminator().trainableParameters().get(0).value().toFloatArray()), "the critic stepped");
        History second = wgan.fit(one, FitOptions.defaults().epochs(2).initialEpoch(1).batchSize(8).verbose(false));
        assertTrue(second.values().containsKey("g_loss"));
        assertFalse(java.util.Arrays.equals(generatorBefore,
                wgan.generator().trainableParameters().get(0).value().toFloatArray()), "the generator stepped");
    }

    @Test
    void theCriticSeparatesRealFromGeneratedImagesWhileThePenaltyFalls() {
        History history = tiny(5, 5).fit(IMAGES, epochs(0, 40));
        assertTrue(history.get("gradient_penalty").get(0) > history.last("gradient_penalty"),
                history.get("gradient_penalty").toString());
        assertTrue(history.last("wasserstein") > 0, history.get("wasserstein").toString());
    }

    @Test
    void badSettingsAndCriticsAreRefused() throws IOException {
        assertEquals("WassersteinGan: need a penalty weight of at least 0 and at least 1 critic step, got 10.0 and 0",
                assertThrows(IllegalArgumentException.class, () -> tiny(1, 0)).getMessage());
        Layer.manualSeed(1);
        assertEquals("Gan: the discriminator must give 1 logit per image, got 3",
                assertThrows(IllegalArgumentException.class, () -> new WassersteinGan(
                        new Sequential(Dense.linear(LATENT + 2, 16), new Reshape(1, 4, 4)),
                        new Sequential(new Flatten(), Dense.linear(3 * 16, 3)), LATENT, 2, 10f, 5)).getMessage());
        Path file = directory.resolve("gan.nabla");
        Layer.manualSeed(1);
        Gan gan = new Gan(new Sequential(Dense.linear(LATENT, 16), new Reshape(1, 4, 4)),
                new Sequential(new Flatten(), Dense.linear(16, 1)), LATENT, 0);
        gan.fit(IMAGES, epochs(0, 1).callbacks(new ModelCheckpoint(file)));
        assertEquals(file + ": holds a Gan, not a WassersteinGan",
                assertThrows(IOException.class, () -> WassersteinGan.load(file)).getMessage());
    }
}
