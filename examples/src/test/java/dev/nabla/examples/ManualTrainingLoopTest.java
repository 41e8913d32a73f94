package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ManualTrainingLoopTest {

    @Test
    void learnsFromFiveHundredImagesInTwoEpochs() throws IOException {
        FashionMnistData.assumeInstalled();

        double accuracy = ManualTrainingLoop.run(new ExampleOptions(2, 512));

        assertTrue(accuracy > 0.4, "test accuracy " + accuracy);
    }
}
