package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.data.FashionMnist;
import dev.nabla.generative.Gan;
import dev.nabla.generative.WassersteinGan;
import dev.nabla.optim.Adam;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class GenerativeTrainTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    @Test
    void theWganGpExampleTrainsWithItsOwnOptimizersAndRecordsFidWithItsFloorAndCeiling() throws IOException {
        try {
            FashionMnist.load();
        } catch (FileNotFoundException absent) {
            assumeTrue(false, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipping");
        }
        Path output = directory.resolve("wgan");
        Run run = Run.nabla("train", ROOT.resolve("examples/wgan-gp-fashion-mnist.yaml").toString(), "--limit", "256",
                "--epochs", "1", "--output", output.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(output.resolve("history.csv")).startsWith(
                "epoch,d_loss,wasserstein,gradient_penalty"), Files.readString(output.resolve("history.csv")));
        Map<?, ?> metrics = (Map<?, ?>) new Yaml().load(Files.readString(output.resolve("metrics.json")));
        for (String key : List.of("fid_fmnist", "fid_fmnist_floor", "fid_fmnist_ceiling")) {
            assertTrue(((Number) metrics.get(key)).doubleValue() >= 0, key + " in " + metrics);
        }
        assertTrue(((Number) metrics.get("fid_fmnist_floor")).doubleValue()
                < ((Number) metrics.get("fid_fmnist_ceiling")).doubleValue(), metrics.toString());
        WassersteinGan wgan = WassersteinGan.load(output.resolve("last.nabla"));
        assertEquals(1e-4f, wgan.optimizer(Gan.GENERATOR).learningRate());
        assertEquals(0.9f, ((Adam) wgan.optimizer(Gan.DISCRIMINATOR)).beta2());
        assertTrue(Files.readString(output.resolve("config.resolved.yaml")).contains("critic_steps: 5"));
    }
}
