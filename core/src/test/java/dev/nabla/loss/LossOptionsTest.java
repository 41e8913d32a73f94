package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossOptionsTest {

    @Test
    void optionsAreSetByTheirKerasAndPyTorchNames() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("from_logits", true);
        options.put("label_smoothing", 0.1);
        options.put("weight", List.of(1, 2.5, 0.5));
        options.put("ignoreIndex", -100);
        options.put("reduction", "sum");
        Loss loss = Losses.byName("sparse_categorical_crossentropy", options);
        SparseCategoricalCrossEntropy expected = new SparseCategoricalCrossEntropy().fromLogits(true)
                .labelSmoothing(0.1f).classWeights(Tensor.of(1f, 2.5f, 0.5f)).ignoreIndex(-100)
                .reduction(Reduction.SUM);
        SparseCategoricalCrossEntropy actual = (SparseCategoricalCrossEntropy) loss;
        assertEquals(expected.fromLogits(), actual.fromLogits());
        assertEquals(expected.labelSmoothing(), actual.labelSmoothing());
        assertEquals(expected.ignoreIndex(), actual.ignoreIndex());
        assertEquals(expected.reduction(), actual.reduction());
        assertTrue(expected.classWeights().allClose(actual.classWeights()));
    }

    @Test
    void eachLossTakesItsOwnOptions() {
        assertEquals(new Huber(2f, Reduction.MEAN), Losses.byName("huber", Map.of("delta", 2)));
        assertEquals(new SmoothL1(0.5f, Reduction.NONE), Losses.byName("smooth_l1", Map.of("beta", 0.5,
                "reduction", "none")));
        assertEquals(KullbackLeiblerDivergence.pyTorch().logTarget(true),
                Losses.byName("kl_divergence", Map.of("input", "log_probabilities", "log_target", true)));
        assertEquals(KullbackLeiblerDivergence.pyTorch().elementwise(true).reduction(Reduction.NONE),
                Losses.byName("kl_divergence", Map.of("input", "log_probabilities", "elementwise", true,
                        "reduction", "none")));
        assertEquals(new BinaryFocalLoss().gamma(3f).alpha(0.4f),
                Losses.byName("binary_focal_crossentropy", Map.of("gamma", 3, "alpha", 0.4)));
        assertEquals(List.of("from_logits", "label_smoothing", "class_weights", "ignore_index", "reduction"),
                LossOptions.names(new SparseCategoricalCrossEntropy()));
        assertEquals(List.of("reduction"), LossOptions.names(new MeanSquaredError()));
    }

    @Test
    void anOptionTheLossDoesNotTakeIsRefusedWithTheOnesItDoes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("mse", Map.of("from_logits", true)));
        assertEquals("MeanSquaredError has no option 'from_logits'; it takes: reduction", e.getMessage());
    }

    @Test
    void aValueOfTheWrongKindNamesTheOption() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Losses.byName("categorical_crossentropy", Map.of("label_smoothing", "lots")));
        assertEquals("CategoricalCrossEntropy option 'label_smoothing': expected a number, got 'lots'",
                e.getMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> Losses.byName("categorical_crossentropy", Map.of("label_smoothing", 2)));
        assertEquals("CategoricalCrossEntropy option 'label_smoothing': labelSmoothing must be in [0, 1],"
                + " got 2.0", range.getMessage());
    }
}
