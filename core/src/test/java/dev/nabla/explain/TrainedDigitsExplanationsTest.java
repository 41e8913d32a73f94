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
            similarity += rankCorrelation(maps.slice(0, i, i + 1).toFloatArray(),
                    randomised.slice(0, i, i + 1).toFloatArray()) / SAMPLES;
        }
        assertTrue(similarity < 0.5, "mean Spearman correlation of trained and randomised maps " + similarity);
        assertTrue(maps.abs().sum().item() > 0, "the trained model's maps are not empty");
    }

    /** Spearman's rank correlation (average ranks for ties). */
    static double rankCorrelation(float[] a, float[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += ra[i] / a.length;
            meanB += rb[i] / a.length;
        }
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (ra[i] - meanA) * (rb[i] - meanB);
            varianceA += (ra[i] - meanA) * (ra[i] - meanA);
            varianceB += (rb[i] - meanB) * (rb[i] - meanB);
        }
        return varianceA == 0 || varianceB == 0 ? 0 : covariance / Math.sqrt(varianceA * varianceB);
    }

    private static double[] ranks(float[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Float.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = (start + end) / 2.0;
            }
            start = end + 1;
        }
        return ranks;
    }
}
