package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleQualityTest {

    @Test
    void imagesAreAtDistanceZeroFromThemselvesAndTheirLabelsFormAHistogram() {
        Tensor images = Tensor.rand(new Generator(1), 40, 1, 28, 28);
        Map<String, Double> metrics = SampleQuality.measure(images, images);
        assertEquals(0, metrics.get("fid_fmnist"), 1e-6);
        double total = 0;
        for (int k = 0; k < 10; k++) {
            double share = metrics.get("label_" + k);
            assertEquals(Math.round(share * 40), share * 40, 1e-9, "a whole number of the 40 images");
            total += share;
        }
        assertEquals(1, total, 1e-12);
        assertTrue(SampleQuality.measure(images, images.mul(0.2f)).get("fid_fmnist") > 1, "darker images are further");
    }

    @Test
    void theShippedClassifierGivesSixtyFourFeaturesAndRefusesOtherImages() {
        FidClassifier classifier = FidClassifier.shipped();
        assertArrayEquals(new int[] {3, FidClassifier.FEATURES},
                classifier.features(Tensor.zeros(3, 1, 28, 28)).shape().toArray());
        assertArrayEquals(new int[] {3}, classifier.labels(Tensor.zeros(3, 1, 28, 28)).shape().toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> classifier.features(Tensor.zeros(2, 1, 8, 8)));
        assertEquals("FidClassifier: need Fashion-MNIST images [N, 1, 28, 28], got shape [2, 1, 8, 8]", e.getMessage());
    }
}
