package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.image.Images;
import dev.nabla.generative.Gan;
import dev.nabla.generative.Vae;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @TempDir
    Path directory;

    /** A conditional GAN of 3 classes making [1, 4, 4] images, trained one epoch and saved. */
    private Path conditionalGan() {
        Layer.manualSeed(1);
        Gan gan = new Gan(new Sequential(Dense.linear(2 + 3, 16), new Tanh(), new Reshape(1, 4, 4)),
                new Sequential(new Flatten(), Dense.linear(4 * 16, 1)), 2, 3);
        Path file = directory.resolve("gan.nabla");
        gan.fit(new TensorDataset(Tensor.rand(new Generator(1), 6, 1, 4, 4), Tensor.of(0f, 1f, 2f, 0f, 1f, 2f)),
                FitOptions.defaults().epochs(1).batchSize(3).verbose(false).callbacks(new ModelCheckpoint(file)));
        return file;
    }

    @Test
    void aConditionalGanDrawsOneClassPerColumnOrTheLabelAsked() throws IOException {
        Path model = conditionalGan();
        Path grid = directory.resolve("grid.png");
        Run run = Run.nabla("sample", model.toString(), "--count", "6", "--output", grid.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("wrote 6 samples to " + grid, run.out().strip());
        assertArrayEquals(new int[] {1, 2 * 6 + 2, 3 * 6 + 2}, Images.read(grid, 1).shape().toArray(),
                "2 rows of 3 classes");
        Run one = Run.nabla("sample", model.toString(), "--count", "4", "--label", "2", "--output", grid.toString());
        assertEquals("wrote 4 samples of class 2 to " + grid, one.out().strip());
        assertArrayEquals(new int[] {1, 2 * 6 + 2, 2 * 6 + 2}, Images.read(grid, 1).shape().toArray());
    }

    @Test
    void aVaeDrawsFromItsPriorAndABadLabelOrFileIsReported() throws IOException {
        Layer.manualSeed(2);
        Vae vae = new Vae(new Sequential(new Flatten(), Dense.linear(16, 4)),
                new Sequential(Dense.linear(2, 16), new Reshape(1, 4, 4)), 2, 1f, 1, 4, 4);
        Path model = directory.resolve("vae.nabla");
        Tensor images = Tensor.rand(new Generator(3), 4, 1, 4, 4);
        vae.fit(new TensorDataset(images, images), FitOptions.defaults().epochs(1).verbose(false)
                .callbacks(new ModelCheckpoint(model)));
        Path grid = directory.resolve("vae.png");
        Run run = Run.nabla("sample", model.toString(), "--count", "9", "--output", grid.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(new int[] {1, 3 * 6 + 2, 3 * 6 + 2}, Images.read(grid, 1).shape().toArray());

        Run label = Run.nabla("sample", model.toString(), "--label", "1", "--output", grid.toString());
        assertEquals(2, label.exitCode());
        assertTrue(label.err().contains("--label: this model is not conditional: it takes no label (got 1)"),
                label.err());
        Run gan = Run.nabla("sample", conditionalGan().toString(), "--label", "3", "--output", grid.toString());
        assertTrue(gan.err().contains("--label: the label must be in [0, 3), or -1 for every class in turn; got 3"),
                gan.err());
    }
}
