package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateFinderTest {

    @Test
    void theSuggestionIsWhereTheSmoothedLossFallsFastestBeforeItsLowest() {
        List<Double> rates = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double rate = 1e-6 * Math.pow(1e7, i / 99.0);
            rates.add(rate);
            double x = Math.log10(rate);   // a drop centred at 1e-3, then divergence past 1e-1
            losses.add(2 - 1.5 / (1 + Math.exp(-3 * (x + 3))) + (x > -1 ? Math.pow(10, x + 1) - 1 : 0));
        }
        LearningRateFinder.Result result = LearningRateFinder.result(rates, losses, losses);
        assertEquals(-3, Math.log10(result.suggestion()), 0.1);
        assertEquals(-2, Math.log10(result.minimumTenth()), 0.1);
    }

    @Test
    void aSweepOnDigitsSuggestsAUsableRateAndPutsTheModelBack() {
        TensorDataset digits = Digits.load().slice(0, 1000);
        Layer.manualSeed(2);
        Sequential network = new Sequential(new Flatten(), new Dense(32), new Relu(), new Dense(10), new Softmax());
        Model model = new Model(network).compile("adam", "sparse_categorical_crossentropy");
        Tensor probe = digits.slice(0, 4).features();
        String before = network.forward(probe).toString();
        LearningRateFinder.Result result = new LearningRateFinder(model).range(1e-6, 10).steps(120).run(digits);
        assertEquals(before, network.forward(probe).toString(), "the weights are put back");
        assertEquals(0.001f, model.optimizer().learningRate(), "the learning rate is put back");
        assertTrue(result.learningRates().size() > 40 && result.learningRates().size() <= 120,
                "stops at divergence or after the steps: " + result.learningRates().size());
        assertTrue(result.suggestion() > 1e-3 && result.suggestion() < 10, "suggestion " + result.suggestion());
        assertTrue(result.smoothedLosses().stream().mapToDouble(Double::doubleValue).min().orElseThrow()
                < result.smoothedLosses().get(0) - 0.5, "the loss fell during the sweep: " + result.smoothedLosses());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateFinder(model).range(1, 0.1));
    }

    @Test
    void aModelNotYetBuiltIsPutBackToTheWeightsItWasBuiltWith() {
        TensorDataset digits = Digits.load().slice(0, 200);
        Layer.manualSeed(3);
        Sequential network = new Sequential(new Flatten(), new Dense(16), new Relu(), new Dense(10), new Softmax());
        Model model = new Model(network).compile("adam", "sparse_categorical_crossentropy");
        new LearningRateFinder(model).steps(20).run(digits);
        Layer.manualSeed(3);
        Sequential fresh = new Sequential(new Flatten(), new Dense(16), new Relu(), new Dense(10), new Softmax());
        Tensor probe = digits.slice(0, 2).features();
        assertEquals(fresh.forward(probe).toString(), network.forward(probe).toString());
    }
}
