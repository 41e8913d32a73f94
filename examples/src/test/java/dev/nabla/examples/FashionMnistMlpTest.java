package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistMlpTest {

    @Test
    void learnsFromFiveHundredImagesInTwoEpochs() throws IOException {
        FashionMnistData.assumeInstalled();

        Map<String, Double> test = FashionMnistMlp.run(new ExampleOptions(2, 512));

        assertTrue(test.get("accuracy") > 0.5, test.toString());
    }
}
