package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void findsLossesByTheirKerasNames() {
        assertInstanceOf(MeanSquaredError.class, Losses.byName("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.byName("mean_squared_error"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.byName("mae"));
        assertInstanceOf(Huber.class, Losses.byName("huber"));
        assertInstanceOf(BinaryCrossEntropy.class, Losses.byName("binary_crossentropy"));
        assertInstanceOf(CategoricalCrossEntropy.class, Losses.byName("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossEntropy.class, Losses.byName("sparse_categorical_crossentropy"));
        assertInstanceOf(BinaryFocalLoss.class, Losses.byName("binary_focal_crossentropy"));
        assertInstanceOf(CategoricalFocalLoss.class, Losses.byName("categorical_focal_crossentropy"));
        assertInstanceOf(KullbackLeiblerDivergence.class, Losses.byName("kl_divergence"));
        assertInstanceOf(Hinge.class, Losses.byName("hinge"));
    }

    @Test
    void acceptsClassNamesIgnoringCaseAndUnderscores() {
        assertInstanceOf(SparseCategoricalCrossEntropy.class, Losses.byName("SparseCategoricalCrossEntropy"));
        assertInstanceOf(SmoothL1.class, Losses.byName("SMOOTH_L1"));
        assertInstanceOf(KullbackLeiblerDivergence.class, Losses.byName("KullbackLeiblerDivergence"));
    }

    @Test
    void everyListedNameWorksWithDefaultsLikeKeras() {
        for (String name : Losses.names()) {
            Losses.byName(name);
        }
        assertEquals(new BinaryCrossEntropy(), Losses.byName("binary_crossentropy"), "from probabilities");
    }

    @Test
    void aLambdaIsALoss() {
        Loss meanDifference = (predictions, targets) -> predictions.sub(targets).mean();
        assertEquals(1f, meanDifference.apply(Tensor.of(2f, 3f), Tensor.of(1f, 2f)).item());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("msee"));
        assertTrue(e.getMessage().startsWith("unknown loss 'msee'; known names: mean_squared_error, mse,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy"), e.getMessage());
    }
}
