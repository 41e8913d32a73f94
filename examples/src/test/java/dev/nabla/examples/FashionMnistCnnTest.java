package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistCnnTest {

    @Test
    void theNetworkMapsImagesToClassProbabilities() {
        Tensor probabilities = FashionMnistCnn.network().forward(Tensor.zeros(2, 1, 28, 28));

        assertEquals(2, probabilities.dim(0));
        assertEquals(10, probabilities.dim(1));
        assertEquals(2f, probabilities.sum().item(), 1e-5f);
    }

    @Test
    void learnsFromFiveHundredImagesInTwoEpochs() throws IOException {
        FashionMnistData.assumeInstalled();

        Map<String, Double> test = FashionMnistCnn.run(new ExampleOptions(2, 512));

        assertTrue(test.get("accuracy") > 0.2, test.toString());
    }
}
