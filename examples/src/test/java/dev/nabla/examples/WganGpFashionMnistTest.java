package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.image.Images;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WganGpFashionMnistTest {

    @Test
    void theCriticLearnsToTellRealFromGeneratedInTwoShortEpochs(@TempDir Path samples) throws IOException {
        FashionMnistData.assumeInstalled();

        List<WganGpFashionMnist.Epoch> epochs = WganGpFashionMnist.run(new ExampleOptions(2, 640), samples);

        assertEquals(2, epochs.size());
        for (WganGpFashionMnist.Epoch e : epochs) {
            assertTrue(Double.isFinite(e.wasserstein()) && Double.isFinite(e.penalty()), e.toString());
            assertTrue(e.penalty() >= 0, e.toString());
        }
        // An untrained critic scores real and generated images alike; after a few steps it separates them.
        assertTrue(epochs.get(1).wasserstein() > 0.05, epochs.toString());
        Tensor grid = Images.read(samples.resolve("samples-2.png"), 1);
        assertEquals(List.of(1, 224, 224), List.of(grid.dim(0), grid.dim(1), grid.dim(2)));
        assertTrue(Files.exists(samples.resolve("samples-1.png")));
    }
}
