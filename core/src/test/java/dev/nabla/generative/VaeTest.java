package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeTest {

    @TempDir
    Path directory;

    private static Vae small(long seed, float beta) {
        Layer.manualSeed(seed);
        return new Vae(new Sequential(Dense.linear(6, 8), new Tanh(), Dense.linear(8, 4)),
                new Sequential(Dense.linear(2, 8), new Tanh(), Dense.linear(8, 6)), 2, beta, 6);
    }

    @Test
    void theLossTermsAndTheirGradientsEqualPyTorchsOnTheSameWeightsAndNoise() {
        for (TorchFixture c : TorchFixture.cases("vae", "vae/")) {
            Vae vae = small(1, c.number("beta", 1f));
            vae.encoder().loadStateDict(c.stateDict("state.encoder"), true);
            vae.decoder().loadStateDict(c.stateDict("state.decoder"), true);
            Vae.LossTerms terms = vae.lossTerms(c.tensor("x"), c.tensor("eps"));
            c.assertForward("reconstruction", terms.reconstruction());
            c.assertForward("kl", terms.kl());
            c.assertForward("loss", terms.loss());
            c.assertForward("negative_elbo", terms.negativeElbo());
            terms.loss().backward();
            for (var part : Map.of("encoder", vae.encoder(), "decoder", vae.decoder()).entrySet()) {
                for (Map.Entry<String, Parameter> p : part.getValue().namedParameters().entrySet()) {
                    c.assertGradient("grad_" + part.getKey() + "." + p.getKey(), p.getValue().grad());
                }
            }
        }
    }

    @Test
    void trainingLowersTheNegativeElboAndACheckpointGivesTheSameModelBack() throws IOException {
        Tensor x = Tensor.rand(new Generator(3), 64, 6).mul(0.3f).add(Tensor.of(0.7f, 0.7f, 0.7f, 0f, 0f, 0f));
        Vae vae = small(2, 1f);
        TensorDataset data = new TensorDataset(x, x);
        double before = vae.evaluate(data, 64).get("negative_elbo");
        Path file = directory.resolve("vae.nabla");
        History history = vae.fit(data, FitOptions.defaults().epochs(20).batchSize(16).verbose(false)
                .callbacks(new ModelCheckpoint(file)));
        Map<String, Double> after = vae.evaluate(data, 64);
        assertTrue(after.get("negative_elbo") < before - 0.5, before + " -> " + after);
        assertEquals(after.get("reconstruction") + after.get("kl"), after.get("negative_elbo"), 1e-5);
        assertTrue(history.values().keySet().containsAll(java.util.List.of("loss", "reconstruction", "kl")));

        Vae loaded = Vae.load(file);
        assertEquals(vae.globalStep(), loaded.globalStep());
        assertArrayEquals(vae.sample(5, -1, 4).toFloatArray(), loaded.sample(5, -1, 4).toFloatArray());
        assertArrayEquals(new int[] {5, 6}, loaded.sample(5, -1, 4).shape().toArray());
        Tensor line = vae.interpolate(x.slice(0, 0, 1), x.slice(0, 1, 2), 7);
        assertArrayEquals(new int[] {7, 6}, line.shape().toArray());
        assertArrayEquals(vae.decode(vae.encode(x.slice(0, 0, 1))).toFloatArray(), line.slice(0, 0, 1).toFloatArray(),
                1e-6f, "the line starts at the first input's code");
    }

    @Test
    void anEncoderOfTheWrongWidthIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Vae(Dense.linear(6, 3), Dense.linear(2, 6), 2,
                1f, 6));
        assertEquals("Vae: the encoder must give 2 × latent size = 4 values per input (means, then log-variances),"
                + " gives 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small(1, 1f).sample(1, 0, 1));
    }
}
