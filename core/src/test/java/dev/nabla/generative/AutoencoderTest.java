package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.Images;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoencoderTest {

    @TempDir
    Path directory;

    /** Points on the line t·(1, 2, −1, 0.5) plus a little noise: what a 1-d code can hold. */
    private static Tensor onTheLine(long seed, int n) {
        Generator random = new Generator(seed);
        Tensor t = Tensor.uniform(random, -1f, 1f, n, 1);
        return t.mul(Tensor.of(1f, 2f, -1f, 0.5f)).add(Tensor.randn(random, n, 4).mul(0.02f));
    }

    private static Autoencoder dense(long seed) {
        Layer.manualSeed(seed);
        return new Autoencoder(new Sequential(Dense.linear(4, 8), new Relu(), Dense.linear(8, 1)),
                new Sequential(Dense.linear(1, 8), new Relu(), Dense.linear(8, 4)), 4);
    }

    @Test
    void reconstructionErrorsTellInputsOffTheTrainingManifold() {
        Tensor normal = onTheLine(1, 256);
        Autoencoder autoencoder = dense(2);
        autoencoder.fit(new TensorDataset(normal, Tensor.zeros(256)), FitOptions.defaults().epochs(60).batchSize(32)
                .verbose(false));
        Tensor heldOutNormal = onTheLine(3, 100);
        Tensor anomalies = Tensor.randn(new Generator(4), 100, 4);
        double auc = autoencoder.anomalyAuc(heldOutNormal, anomalies);
        assertTrue(auc > 0.9, "ROC AUC " + auc);
        assertArrayEquals(new int[] {100}, autoencoder.reconstructionErrors(anomalies).shape().toArray());
        assertArrayEquals(new int[] {100, 1}, autoencoder.encode(anomalies).shape().toArray());
        assertTrue(autoencoder.evaluate(new TensorDataset(heldOutNormal, Tensor.zeros(100)), 50).get("loss") < 0.05);
    }

    @Test
    void aDenoisingConvolutionalAutoencoderLearnsToRemoveNoise() {
        ConvolutionOptions half = ConvolutionOptions.defaults().stride(2).padding(1);
        Layer.manualSeed(5);
        Autoencoder autoencoder = new Autoencoder(
                new Sequential(new Conv2d(Conv2d.Config.of(4, 4).inChannels(1).options(half)), new Relu()),
                new Sequential(new ConvTranspose2d(ConvTranspose2d.Config.of(1, 4).inChannels(4).options(half)),
                        new Sigmoid()), 1, 8, 8).denoising(0.2f);
        Tensor stripes = Tensor.of(0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f, 0.9f).reshape(1, 1, 1, 8).expand(16, 1, 8, 8);
        Tensor noisy = stripes.add(Tensor.randn(new Generator(6), 16, 1, 8, 8).mul(0.2f));
        double before = difference(autoencoder.reconstruct(noisy), stripes);
        autoencoder.fit(new TensorDataset(stripes, Tensor.zeros(16)), FitOptions.defaults().epochs(200).batchSize(8)
                .verbose(false));
        double after = difference(autoencoder.reconstruct(noisy), stripes);
        assertTrue(after < before / 2 && after < difference(noisy, stripes), before + " -> " + after);
    }

    private static double difference(Tensor a, Tensor b) {
        Tensor d = a.sub(b);
        return d.mul(d).mean().item();
    }

    @Test
    void aDecoderThatDoesNotGiveTheInputsShapeBackIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Autoencoder(Dense.linear(4, 2), Dense.linear(2, 3), 4));
        assertEquals("Autoencoder: the decoder must give inputs' shape back: samples of [4] come back as [2, 3] for a"
                + " batch of 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dense(1).denoising(-1f));
    }

    @Test
    void theLatentScatterIsAPngWithALegend() throws IOException {
        Path png = directory.resolve("latent.png");
        LatentScatter.write(Tensor.randn(new Generator(1), 30, 2), Tensor.randint(new Generator(2), 0, 3, 30).to(dev.nabla.tensor.DType.FLOAT32),
                List.of("a", "b", "c"), png);
        assertArrayEquals(new int[] {3, 640, 790}, Images.read(png, 3).shape().toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> LatentScatter.write(Tensor.zeros(3, 3),
                Tensor.zeros(3), List.of(), png));
        assertEquals("LatentScatter: need codes [N, 2] and labels [N], got [3, 3] and [3]", e.getMessage());
    }
}
