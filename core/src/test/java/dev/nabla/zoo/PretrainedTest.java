package dev.nabla.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.StateDictReport;
import dev.nabla.tensor.Tensor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Nabla's own weights load strictly and classify Fashion-MNIST's test images about as well as
 * docs/zoo.md's model card says (81.4% and 86.6% of all 10,000; here of the first 1,000).
 */
class PretrainedTest {

    @ParameterizedTest
    @CsvSource({"resnet8-fashion-mnist, 790", "lenet5-fashion-mnist, 840"})
    void theShippedWeightsLoadAndClassifyFashionMnist(String name, int atLeast) throws IOException {
        Sequential model = Pretrained.load(name);
        assertEquals(Zoo.create(Pretrained.architecture(name), ZooOptions.of(10).inChannels(1).forSmallImages())
                .parameterCount(), model.parameterCount());
        Split data;
        try {
            data = FashionMnist.load();
        } catch (FileNotFoundException absent) {
            assumeTrue(false, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipping");
            return;
        }
        Tensor images = data.test().slice(0, 1000).features();
        Tensor labels = data.test().slice(0, 1000).targets();
        model.eval();
        float[] predicted;
        try (Inference ignored = Inference.enter()) {
            predicted = model.forward(images).argmax(1, false).toFloatArray();
        }
        float[] truth = labels.toFloatArray();
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += predicted[i] == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= atLeast, name + ": " + correct + " of the first 1,000 test images right");
    }

    @Test
    void weightsForAnotherHeadLoadWhatFitsAndNameTheRest() throws IOException {
        Sequential fiveClasses = Zoo.cifarResnet(8, ZooOptions.of(5).inChannels(1));
        StateDictReport report = Pretrained.loadInto(fiveClasses, "resnet8-fashion-mnist", false);
        assertEquals(List.of(), report.missingKeys());
        assertEquals(List.of(), report.unexpectedKeys());
        assertEquals(List.of("fc.weight: expected [5, 64], got [10, 64]", "fc.bias: expected [5], got [10]"),
                report.shapeMismatches());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pretrained.load("resnet50-imagenet"));
        assertTrue(e.getMessage().contains("Nabla ships resnet8-fashion-mnist, lenet5-fashion-mnist"), e.getMessage());
    }
}
