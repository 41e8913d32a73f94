package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.FashionMnist;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTransformerFashionMnistTest {

    @TempDir
    Path directory;

    @Test
    void theNetworkMapsImagesToClassProbabilitiesThroughSixteenPatchTokens() {
        Sequential network = VisionTransformerFashionMnist.network();

        Tensor probabilities = network.forward(Tensor.zeros(2, 1, 28, 28));

        assertArrayEquals(new int[] {2, 10}, probabilities.shape().toArray());
        assertEquals(2f, probabilities.sum().item(), 1e-5f);
        assertArrayEquals(new int[] {16, 64}, network.stateDict().get("1.weight").shape().toArray());
        assertEquals(138_890, network.parameterCount());
    }

    @Test
    void aSliceTrainsWithFallingLossAndTheSavedModelPredictsTheSame() throws IOException {
        FashionMnistData.assumeInstalled();
        Path file = directory.resolve("vit.nabla");

        var result = VisionTransformerFashionMnist.run(new ExampleOptions(2, 512), file);

        List<Double> loss = result.history().get("loss");
        assertEquals(2, loss.size());
        assertTrue(loss.get(1) < loss.get(0), "training loss should fall: " + loss);
        assertTrue(result.test().get("accuracy") > 0.2, result.test().toString());
        Tensor images = FashionMnist.load().test().slice(0, 8).features();
        Layer trained = result.model().network();
        Layer loaded = ModelFile.load(file).model();
        trained.eval();
        loaded.eval();
        assertArrayEquals(trained.forward(images).toFloatArray(), loaded.forward(images).toFloatArray());
    }
}
