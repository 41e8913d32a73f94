package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PredictionCheckTest {

    private static final Tensor LOGITS = Tensor.randn(new Generator(1), 8, 4).mul(3f);

    @Test
    void logitsUnderAProbabilityLossAreAnErrorThatNamesFromLogits() {
        var e = assertThrows(AdvisedException.class,
                () -> PredictionCheck.check(new SparseCategoricalCrossEntropy(), LOGITS));
        assertTrue(e.getMessage().startsWith("SparseCategoricalCrossEntropy: takes probabilities (values in [0, 1]"
                + " whose rows sum to 1), but the model's outputs range from "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; set from_logits: new SparseCategoricalCrossEntropy().fromLogits(true),"
                + " or end the model with a softmax"), e.getMessage());
        assertTrue(e.fileMessage().endsWith("; write loss: {name: sparse_categorical_crossentropy, from_logits:"
                + " true}, or end the model with activation: softmax"), e.fileMessage());
    }

    @Test
    void positiveScoresWhoseRowsDoNotSumToOneAreAnErrorToo() {
        Tensor sigmoids = LOGITS.sigmoid();
        var e = assertThrows(IllegalArgumentException.class,
                () -> PredictionCheck.check(new CategoricalCrossEntropy(), sigmoids));
        assertTrue(e.getMessage().contains("and their rows sum to between "), e.getMessage());
    }

    @Test
    void binaryLossesCheckTheRangeOnly() {
        assertNull(PredictionCheck.check(new BinaryCrossEntropy(), LOGITS.sigmoid()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> PredictionCheck.check(new BinaryCrossEntropy(), LOGITS));
        assertTrue(e.getMessage().contains("or end the model with a sigmoid"), e.getMessage());
    }

    @Test
    void probabilitiesUnderALogitsLossAreAWarning() {
        String warning = PredictionCheck.check(new SparseCategoricalCrossEntropy().fromLogits(true),
                LOGITS.softmax(-1));
        assertTrue(warning.contains("a softmax would be applied twice"), warning);
        String binary = PredictionCheck.check(new BinaryCrossEntropy().fromLogits(true), LOGITS.sigmoid());
        assertTrue(binary.contains("a sigmoid would be applied twice"), binary);
    }

    @Test
    void matchingOutputsPassSilently() {
        assertNull(PredictionCheck.check(new SparseCategoricalCrossEntropy(), LOGITS.softmax(-1)));
        assertNull(PredictionCheck.check(new SparseCategoricalCrossEntropy().fromLogits(true), LOGITS));
        assertNull(PredictionCheck.check(new KullbackLeiblerDivergence().fromLogits(true), LOGITS));
        assertNull(PredictionCheck.check(KullbackLeiblerDivergence.pyTorch(), LOGITS.logSoftmax(-1)));
        assertNull(PredictionCheck.check(new MeanSquaredError(), LOGITS));
        assertNull(PredictionCheck.check(new SparseCategoricalCrossEntropy(), LOGITS.mul(Float.NaN)),
                "a diverged model is not a mismatch");
    }
}
