package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integrated gradients' completeness and Grad-CAM's model-randomisation sanity check (Adebayo
 * et al. 2018) on a small CNN trained on the built-in 8×8 digits, whose outputs are class
 * probabilities.
 */
class TrainedDigitsExplanationsTest {

    private static final int SAMPLES = 8;
    private static Sequential trained;
    private static Tensor images;
    private static int[] labels;

    @BeforeAll
    static void train() {
        TensorDataset digits = Digits.load();
        trained = network(1);
        new Model(trained).compile("adam", "sparse_categorical_crossentropy", "accuracy")
                .fit(digits.slice(0, 1500), FitOptions.defaults().epochs(4).batchSize(32).verbose(false));
        TensorDataset test = digits.slice(1500, 1500 + SAMPLES);
        images = test.features();
        labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = (int) test.targets().get(i);
        }
    }

    static Sequential network(long seed) {
        ConvolutionOptions same = ConvolutionOptions.defaults().paddingSame();
        Layer.manualSeed(seed);
        return new Sequential(new Conv2d(Conv2d.Config.of(8, 3).options(same)), new Relu(), new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(16, 3).options(same)), new Relu(),
                new Flatten(), new Dense(10), new Softmax());
    }

    @Test
    void integratedGradientsAddUpToTheChangeInProbabilityWithinOnePercentAtTheDefaultFiftySteps() {
        IntegratedGradients.Result result = new IntegratedGradients(trained).attribute(images, labels);
        float[] sums = result.attributions().reshape(SAMPLES, -1).sum(1).toFloatArray();
        try (var noGrad = NoGrad.enter()) {
            trained.eval();
            Tensor change = trained.forward(images).sub(trained.forward(Tensor.zeros(SAMPLES, 1, 8, 8)));
            for (int i = 0; i < SAMPLES; i++) {
                float expected = change.get(i, labels[i]);
                assertEquals(expected, sums[i], 0.01 * Math.abs(expected), "completeness of sample " + i);
            }
        }
    }

    @Test
    void gradCamChangesWhenTheWeightsAreRandomised() {
        Tensor maps = GradCam.upsample(new GradCam(trained, "3").relu(true).attribute(images, labels), 8, 8);
        Tensor randomised = GradCam.upsample(new GradCam(network(12345), "3").relu(true).attribute(images, labels),
                8, 8);
        double similarity = 0;
        for (int i = 0; i < SAMPLES; i++) {
            similarity += RankCorrelation.spearman(maps.slice(0, i, i + 1).toFloatArray(),
                    randomised.slice(0, i, i + 1).toFloatArray()) / SAMPLES;
        }
        assertTrue(similarity < 0.5, "mean Spearman correlation of trained and randomised maps " + similarity);
        assertTrue(maps.abs().sum().item() > 0, "the trained model's maps are not empty");
    }
}
