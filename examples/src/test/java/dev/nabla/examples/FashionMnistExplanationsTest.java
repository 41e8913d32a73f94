package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.FashionMnist;
import dev.nabla.data.Split;
import dev.nabla.data.TensorDataset;
import dev.nabla.explain.GradCam;
import dev.nabla.explain.RankCorrelation;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM's model-randomisation sanity check (Adebayo et al. 2018) on the Fashion-MNIST CNN
 * of {@link FashionMnistCnn}: the maps of the trained network on its last convolution differ
 * from those of the same network with random weights.
 */
class FashionMnistExplanationsTest {

    private static final int SAMPLES = 8;

    @Test
    void gradCamMapsOfTheTrainedCnnChangeWhenItsWeightsAreRandomised() throws IOException {
        FashionMnistData.assumeInstalled();
        Split data = FashionMnist.load();
        Layer.manualSeed(1);
        Sequential trained = FashionMnistCnn.network();
        new Model(trained).compile("adam", "sparse_categorical_crossentropy", "accuracy")
                .fit(data.train().slice(0, 2560), FitOptions.defaults().epochs(1).batchSize(64).verbose(false));
        TensorDataset test = data.test();
        Tensor images = test.features().slice(0, 0, SAMPLES);
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = (int) test.targets().get(i);
        }
        Layer.manualSeed(98765);
        Sequential randomised = FashionMnistCnn.network();
        randomised.forward(images);
        Tensor trainedMaps = GradCam.upsample(new GradCam(trained, "6").relu(true).attribute(images, labels), 28, 28);
        Tensor randomMaps = GradCam.upsample(new GradCam(randomised, "6").relu(true).attribute(images, labels), 28, 28);
        double similarity = 0;
        for (int i = 0; i < SAMPLES; i++) {
            similarity += RankCorrelation.spearman(trainedMaps.slice(0, i, i + 1).toFloatArray(),
                    randomMaps.slice(0, i, i + 1).toFloatArray()) / SAMPLES;
        }
        assertTrue(similarity < 0.5, "mean Spearman correlation of trained and randomised maps " + similarity);
        assertTrue(trainedMaps.sum().item() > 0, "the trained network's maps are not empty");
    }
}
