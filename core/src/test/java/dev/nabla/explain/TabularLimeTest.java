package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabularLimeTest {

    /** Class 1's score is 3·x0 − 2·x1 + 0·x2 + 0.5·x3: LIME's weights per standard deviation are w·σ. */
    private static Dense linearModel() {
        Dense model = Dense.linear(4, 2);
        model.loadStateDict(Map.of("weight", Tensor.of(new float[] {0, 0, 0, 0, 3, -2, 0, 0.5f}, 2, 4),
                "bias", Tensor.zeros(2)), true);
        return model;
    }

    private static Tensor training() {
        float[] stds = {1, 2, 1, 4};
        float[] values = Tensor.randn(new Generator(7), 500, 4).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] *= stds[i % 4];
        }
        return Tensor.of(values, 500, 4);
    }

    @Test
    void aLinearModelsKnownWeightsAreRecoveredPerStandardDeviation() {
        Tensor training = training();
        TabularLime lime = new TabularLime(linearModel(), training).featureNames(List.of("a", "b", "c", "d"));
        LimeExplanation explanation = lime.explain(training.slice(0, 3, 4), 1);
        List<LimeExplanation.Feature> top = explanation.top(3);
        assertEquals(List.of("b", "a", "d"), top.stream().map(LimeExplanation.Feature::name).toList());
        double[] sigma = {1, 2, 1, 4};
        float[] data = training.toFloatArray();
        for (int j = 0; j < 4; j++) {   // the sample's standard deviation, as LIME's scaler computes it
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < 500; i++) {
                sum += data[i * 4 + j];
                squares += data[i * 4 + j] * data[i * 4 + j];
            }
            sigma[j] = Math.sqrt(squares / 500 - (sum / 500) * (sum / 500));
        }
        double[] weights = {3, -2, 0, 0.5};
        for (int j = 0; j < 4; j++) {
            assertEquals(weights[j] * sigma[j], explanation.weights()[j], 0.01 * Math.abs(weights[j] * sigma[j]) + 1e-3,
                    "feature " + j);
        }
        assertTrue(explanation.score() > 0.999, "a line fits a linear model: R² " + explanation.score());
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Tensor training = training();
        Dense model = linearModel();
        Tensor row = training.slice(0, 0, 1);
        double[] first = new TabularLime(model, training).samples(300).seed(4).explain(row, 1).weights();
        double[] again = new TabularLime(model, training).samples(300).seed(4).explain(row, 1).weights();
        double[] other = new TabularLime(model, training).samples(300).seed(5).explain(row, 1).weights();
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other), "other perturbations, other (slightly) shrunk weights");
        TabularLime lime = new TabularLime(model, training);
        assertThrows(IllegalArgumentException.class, () -> lime.explain(Tensor.zeros(3), 1));
        assertThrows(IllegalArgumentException.class, () -> lime.featureNames(List.of("a")));
    }
}
