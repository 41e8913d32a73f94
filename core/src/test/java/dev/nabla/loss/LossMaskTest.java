package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Loss#apply(Tensor, Tensor, Tensor)}: per-step losses over the real steps of padded sequences. */
class LossMaskTest {

    /** Lengths 4 and 2 of two sequences padded to 4 steps. */
    private static final Tensor MASK = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, 2, 4);

    @Test
    void theMaskedMeanIsTheMeanOverTheRealSteps() {
        Tensor predictions = Tensor.randn(new Generator(1), 2, 4, 3);
        Tensor targets = Tensor.randn(new Generator(2), 2, 4, 3);
        Loss mse = new MeanSquaredError();
        Tensor real = Tensor.concat(1, predictions.slice(0, 0, 1).reshape(1, -1),
                predictions.slice(0, 1, 2).slice(1, 0, 2).reshape(1, -1));
        Tensor realTargets = Tensor.concat(1, targets.slice(0, 0, 1).reshape(1, -1),
                targets.slice(0, 1, 2).slice(1, 0, 2).reshape(1, -1));
        assertEquals(mse.apply(real, realTargets).item(), mse.apply(predictions, targets, MASK).item(), 1e-6f);
        Tensor sum = new MeanSquaredError(Reduction.SUM).apply(predictions, targets, MASK);
        assertEquals(new MeanSquaredError(Reduction.SUM).apply(real, realTargets).item(), sum.item(), 1e-5f);
        Tensor none = new MeanSquaredError(Reduction.NONE).apply(predictions, targets, MASK);
        assertArrayEquals(new float[6], none.slice(0, 1, 2).slice(1, 2, 4).reshape(-1).toFloatArray(), 0f,
                "padded steps add nothing");
    }

    @Test
    void aMaskOverPaddedLabelsEqualsPyTorchsIgnoreIndex() {
        TorchFixture c = TorchFixture.load("losses", "sparse_categorical_cross_entropy/logits_sequence_ignore_index");
        Tensor labels = c.tensor("targets");
        Tensor mask = labels.ne(Tensor.scalar(-100f));
        Tensor zeroed = Tensor.where(mask, labels, Tensor.scalar(0f));
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(true);
        c.assertForward("loss_mean", loss.apply(c.tensor("predictions"), zeroed, mask));
        c.assertForward("loss_sum", loss.reduction(Reduction.SUM).apply(c.tensor("predictions"), zeroed, mask));
        c.assertForward("loss_none", loss.reduction(Reduction.NONE).apply(c.tensor("predictions"), zeroed, mask));
        Tensor x = c.leaf("predictions");
        loss.apply(x, zeroed, mask).backward();
        c.assertGradient("grad_predictions", x.grad());
        c.assertForward("loss_mean", loss.ignoreIndex(-100).apply(c.tensor("predictions"), labels));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor labels = Tensor.of(new float[] {0, 2, 1, 1, 2, 0, 0, 0}, 2, 4);
        Tensor logits = Tensor.randn(new Generator(3), 2, 4, 3).requiresGrad(true);
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(true);
        GradCheck.assertGradients(in -> loss.apply(in[0], labels, MASK), logits);
        Tensor values = Tensor.randn(new Generator(4), 2, 4, 2).requiresGrad(true);
        Tensor targets = Tensor.randn(new Generator(5), 2, 4, 2);
        GradCheck.assertGradients(in -> new Huber().apply(in[0], targets, MASK), values);
    }

    @Test
    void noRealStepGivesZeroAndNoMaskIsThePlainLoss() {
        Tensor predictions = Tensor.randn(new Generator(6), 2, 4, 3);
        Tensor targets = Tensor.randn(new Generator(7), 2, 4, 3);
        assertEquals(0f, new MeanSquaredError().apply(predictions, targets, Tensor.zeros(2, 4)).item());
        assertEquals(new MeanSquaredError().apply(predictions, targets).item(),
                new MeanSquaredError().apply(predictions, targets, null).item());
    }

    @Test
    void aMaskThatDoesNotFitTheValuesIsNamed() {
        Tensor logits = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossEntropy()
                .fromLogits(true).apply(logits, Tensor.zeros(2), MASK));
        assertTrue(e.getMessage().startsWith("SparseCategoricalCrossEntropy: a mask [2, 4] must cover the first axes"
                + " of the loss values [2]"), e.getMessage());
    }
}
