package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clipping and gradient accumulation inside {@code fit}, against closed forms and larger batches. */
class GradientOptionsTest {

    /** Four samples of three features with targets, so that the first gradient is known in closed form. */
    private static final float[][] X = {{1, 2, 0}, {0, 1, -1}, {3, 0, 1}, {-2, 1, 2}};
    private static final float[] Y = {4, -2, 6, 1};

    private static FitOptions quiet() {
        return FitOptions.defaults().verbose(false).shuffle(false, 0);
    }

    /** y = x·wᵀ + b starting at w = 0, b = 0, trained by SGD with learning rate 1: the update is −gradient. */
    private static Model zeroLinearModel() {
        Model model = new Model(new Sequential(Dense.linear(3, 1)));
        model.network().loadStateDict(Map.of("0.weight", Tensor.zeros(1, 3), "0.bias", Tensor.zeros(1)), true);
        model.compile(params -> new Sgd(params, 1f), new MeanSquaredError());
        return model;
    }

    /** The gradient of the mean squared error at w = 0, b = 0: ∂/∂w = −2/N·Σ yᵢxᵢ, ∂/∂b = −2/N·Σ yᵢ; [w0, w1, w2,
            b]. */
    private static double[] gradientAtZero() {
        double[] g = new double[4];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < 3; j++) {
                g[j] -= 2.0 / X.length * Y[i] * X[i][j];
            }
            g[3] -= 2.0 / X.length * Y[i];
        }
        return g;
    }

    /** The weights and the bias after one epoch of one batch, [w0, w1, w2, b]. */
    private static float[] oneUpdate(FitOptions options) {
        Model model = zeroLinearModel();
        model.fit(Tensor.of(X), Tensor.of(Y, 4, 1), options.batchSize(4));
        float[] w = model.network().stateDict().get("0.weight").toFloatArray();
        return new float[] {w[0], w[1], w[2], model.network().stateDict().get("0.bias").item()};
    }

    private static float[] negated(double[] g, double scaleOf012, double scaleOf3) {
        return new float[] {(float) (-g[0] * scaleOf012), (float) (-g[1] * scaleOf012), (float) (-g[2] * scaleOf012),
            (float) (-g[3] * scaleOf3)};
    }

    @Test
    void globalClipNormScalesByPyTorchsFactor() {
        double[] g = gradientAtZero();
        double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2] + g[3] * g[3]);
        float maxNorm = 1.5f;
        double coefficient = Math.min(1, maxNorm / (norm + 1e-6));   // torch.nn.utils.clip_grad_norm_
        assertTrue(coefficient < 0.5, "the example clips: norm " + norm);

        assertArrayEquals(negated(g, coefficient, coefficient), oneUpdate(quiet().globalClipNorm(maxNorm)), 1e-5f);
    }

    @Test
    void clipNormScalesEachParametersGradientByItsOwnNorm() {
        double[] g = gradientAtZero();
        double weightNorm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        double biasNorm = Math.abs(g[3]);
        float maxNorm = 2f;
        // Keras's clip_by_norm: g·clipnorm / max(‖g‖, clipnorm), for the weight and the bias apart.
        float[] expected = negated(g, maxNorm / Math.max(weightNorm, maxNorm), maxNorm / Math.max(biasNorm, maxNorm));

        assertArrayEquals(expected, oneUpdate(quiet().clipNorm(maxNorm)), 1e-5f);
    }

    @Test
    void clipValueLimitsEachElementAsClipGradValue() {
        double[] g = gradientAtZero();
        float limit = 2f;
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (float) -Math.max(-limit, Math.min(limit, g[i]));   // torch.nn.utils.clip_grad_value_
        }

        assertArrayEquals(expected, oneUpdate(quiet().clipValue(limit)), 1e-5f);
    }

    @Test
    void withoutOptionsTheUpdateIsTheGradient() {
        assertArrayEquals(negated(gradientAtZero(), 1, 1), oneUpdate(quiet()), 1e-5f);
    }

    private static final Tensor FEATURES = Tensor.randn(new Generator(3), 16, 3);
    private static final Tensor TARGETS = Tensor.randn(new Generator(4), 16, 2);

    /** SGD, whose update is proportional to the gradient (Adam's barely changes when gradients are scaled). */
    private static Model seededModel() {
        Layer.manualSeed(8);
        Model model = new Model(new Sequential(Dense.linear(3, 4), Dense.linear(4, 2)));
        model.compile(params -> new Sgd(params, 0.05f).momentum(0.9f), new MeanSquaredError());
        return model;
    }

    private static Map<String, Tensor> trained(Tensor x, Tensor y, FitOptions options) {
        Model model = seededModel();
        model.fit(x, y, options);
        return model.network().stateDict();
    }

    private static void assertSameWeights(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        expected.forEach((name, value) -> assertTrue(value.allClose(actual.get(name), 1e-5f, 1e-6f),
                name + ": " + value + " and " + actual.get(name)));
    }

    @Test
    void fourBatchesOfTwoAccumulatedUpdateAsOneBatchOfEight() {
        Map<String, Tensor> big = trained(FEATURES, TARGETS, quiet().batchSize(8).epochs(3));
        Map<String, Tensor> accumulated = trained(FEATURES, TARGETS, quiet().batchSize(2).epochs(3)
                .gradientAccumulationSteps(4));

        assertSameWeights(big, accumulated);
    }

    @Test
    void aShortLastGroupUpdatesWithTheAverageOfItsOwnBatches() {
        Tensor x = FEATURES.slice(0, 0, 10);
        Tensor y = TARGETS.slice(0, 0, 10);
        // Batches of 8 and 2 against groups of four batches of 2 and one batch of 2.
        Map<String, Tensor> big = trained(x, y, quiet().batchSize(8).epochs(2));
        Map<String, Tensor> accumulated = trained(x, y, quiet().batchSize(2).epochs(2).gradientAccumulationSteps(4));

        assertSameWeights(big, accumulated);
    }

    @Test
    void clippingAppliesToTheAveragedGradients() {
        Map<String, Tensor> big = trained(FEATURES, TARGETS, quiet().batchSize(8).globalClipNorm(0.05f));
        Map<String, Tensor> accumulated = trained(FEATURES, TARGETS, quiet().batchSize(4)
                .gradients(GradientOptions.NONE.accumulationSteps(2).globalClipNorm(0.05f)));

        assertSameWeights(big, accumulated);
    }

    @Test
    void theGlobalStepCountsUpdatesNotBatches() {
        Model plain = seededModel();
        plain.fit(FEATURES.slice(0, 0, 10), TARGETS.slice(0, 0, 10), quiet().batchSize(2).epochs(3));
        Model accumulating = seededModel();
        accumulating.fit(FEATURES.slice(0, 0, 10), TARGETS.slice(0, 0, 10), quiet().batchSize(2).epochs(3)
                .gradientAccumulationSteps(4));

        assertEquals(15, plain.globalStep());          // 5 batches a epoch
        assertEquals(6, accumulating.globalStep());    // groups of 4 and 1 batches
        plain.fit(FEATURES, TARGETS, quiet().batchSize(16));
        assertEquals(16, plain.globalStep(), "the count goes on over fit runs");
    }

    @Test
    void theBatchesOfAGroupCutShortByAStopAreDropped() {
        Model model = seededModel();
        model.fit(FEATURES, TARGETS, quiet().batchSize(2).gradientAccumulationSteps(4).callbacks(new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 5) {
                    model.stopTraining();
                }
            }
        }));

        assertEquals(1, model.globalStep(), "one group of four, then two batches of the next");
        model.network().trainableParameters().forEach(p -> assertNull(p.grad(), "cleared: " + p));
        Model oneGroup = seededModel();
        oneGroup.fit(FEATURES.slice(0, 0, 8), TARGETS.slice(0, 0, 8), quiet().batchSize(8));
        assertSameWeights(oneGroup.network().stateDict(), model.network().stateDict());
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        var zero = assertThrows(IllegalArgumentException.class, () -> GradientOptions.NONE.globalClipNorm(0f));
        var steps = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.defaults().gradientAccumulationSteps(0));

        assertTrue(zero.getMessage().contains("clipping limit must be a finite number > 0, got 0.0"),
                zero.getMessage());
        assertTrue(steps.getMessage().contains("accumulationSteps must be at least 1, got 0"), steps.getMessage());
        assertEquals(GradientOptions.Clipping.VALUE, GradientOptions.NONE.clipNorm(1f).clipValue(2f).clipping(),
                "one clipping at a time, as Keras allows");
    }
}
