package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseCategoricalCrossEntropyTest {

    private static final Tensor LABELS = Tensor.of(1f, 0f, 3f, 2f);
    private static final Tensor WEIGHTS = Tensor.of(0.5f, 2f, 1f, 3f);

    private static SparseCategoricalCrossEntropy lossFor(TorchFixture c, Reduction reduction) {
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(c.flag("fromLogits"))
                .labelSmoothing(c.number("labelSmoothing", 0f)).reduction(reduction);
        loss = c.has("classWeights") ? loss.classWeights(c.tensor("classWeights")) : loss;
        return c.hasOption("ignoreIndex") ? loss.ignoreIndex((int) c.number("ignoreIndex", 0f)) : loss;
    }

    @Test
    void equalsCategoricalCrossEntropyOnOneHotTargets() {
        Tensor logits = Tensor.randn(new Generator(4), 4, 4);
        Tensor sparse = new SparseCategoricalCrossEntropy().fromLogits(true).apply(logits, LABELS);
        Tensor dense = new CategoricalCrossEntropy().fromLogits(true).apply(logits, LABELS.oneHot(4));
        assertEquals(dense.item(), sparse.item(), 1e-6f);
    }

    @Test
    void matchesPyTorch() {
        for (TorchFixture c : LossAssertions.cases("sparse_categorical_cross_entropy")) {
            LossAssertions.assertMatchesPyTorch(c, r -> lossFor(c, r));
        }
    }

    @Test
    void takesASingleSampleWithAScalarLabel() {
        Tensor logits = Tensor.of(2f, 0f, -1f);
        Tensor loss = new SparseCategoricalCrossEntropy().fromLogits(true).apply(logits, Tensor.scalar(0f));
        assertEquals(-logits.logSoftmax(0).get(0), loss.item(), 1e-6f);
    }

    @Test
    void classWeightsGiveAWeightedMean() {
        Tensor logits = Tensor.randn(new Generator(5), 4, 4);
        SparseCategoricalCrossEntropy plain = new SparseCategoricalCrossEntropy().fromLogits(true);
        float[] each = plain.reduction(Reduction.NONE).apply(logits, LABELS).toFloatArray();
        float[] w = {2f, 0.5f, 3f, 1f}; // the weights of labels 1, 0, 3, 2
        float expected = (w[0] * each[0] + w[1] * each[1] + w[2] * each[2] + w[3] * each[3]) / 6.5f;
        assertEquals(expected, plain.classWeights(WEIGHTS).apply(logits, LABELS).item(), 1e-5f);
    }

    @Test
    void ignoredSamplesAddNothingAndDoNotCount() {
        Tensor logits = Tensor.randn(new Generator(6), 4, 4);
        Tensor padded = Tensor.of(1f, -100f, 3f, -100f);
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(true).ignoreIndex(-100);
        float[] each = loss.reduction(Reduction.NONE).apply(logits, padded).toFloatArray();
        assertEquals(0f, each[1]);
        assertEquals(0f, each[3]);
        assertEquals((each[0] + each[2]) / 2f, loss.apply(logits, padded).item(), 1e-6f);
        assertEquals(0f, loss.apply(logits, Tensor.full(-100f, 4)).item(), "all ignored gives 0, not NaN");
    }

    @Test
    void reductionsGiveTheMeanTheSumOrOneValuePerSample() {
        Tensor logits = Tensor.randn(new Generator(3), 2, 3, 4);
        Tensor labels = Tensor.of(new float[] {0f, 1f, 2f, 3f, 3f, 1f}, 2, 3);
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(true);
        Tensor none = loss.reduction(Reduction.NONE).apply(logits, labels);
        assertEquals(Shape.of(2, 3), none.shape());
        assertEquals(none.sum().item(), loss.reduction(Reduction.SUM).apply(logits, labels).item(), 1e-5f);
        assertEquals(none.mean().item(), loss.apply(logits, labels).item(), 1e-6f);
        assertEquals(loss.apply(logits, labels).item(), loss.apply(logits, labels.reshape(2, 3, 1)).item(),
                "labels with a trailing axis of size 1, as Keras allows");
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        Tensor padded = Tensor.of(1f, 2f, 3f, 2f);
        List<SparseCategoricalCrossEntropy> losses = List.of(new SparseCategoricalCrossEntropy(),
                new SparseCategoricalCrossEntropy().classWeights(WEIGHTS),
                new SparseCategoricalCrossEntropy().fromLogits(true),
                new SparseCategoricalCrossEntropy().fromLogits(true).classWeights(WEIGHTS).ignoreIndex(2),
                new SparseCategoricalCrossEntropy().labelSmoothing(0.2f).classWeights(WEIGHTS),
                new SparseCategoricalCrossEntropy().fromLogits(true).labelSmoothing(0.1f).classWeights(WEIGHTS)
                        .ignoreIndex(2));
        for (SparseCategoricalCrossEntropy loss : losses) {
            Tensor x = loss.fromLogits()
                    ? Tensor.randn(new Generator(2), 4, 4).mul(2f)
                    : Tensor.uniform(new Generator(2), 0.05f, 0.95f, 4, 4);
            Tensor leaf = Tensor.of(x.toFloatArray(), 4, 4).requiresGrad(true);
            GradCheck.assertGradients(in -> loss.apply(in[0], padded), leaf);
            GradCheck.assertGradients(in -> loss.reduction(Reduction.NONE).apply(in[0], LABELS), leaf);
        }
    }

    @Test
    void extremeLogitsGiveFiniteLossesAndGradients() {
        Tensor logits = Tensor.of(new float[][] {{100f, -100f, 0f, 3f}, {-100f, -100f, 100f, 100f},
            {0f, 0f, 0f, 100f}, {-100f, 100f, -100f, -100f}});
        SparseCategoricalCrossEntropy loss = new SparseCategoricalCrossEntropy().fromLogits(true).classWeights(WEIGHTS);
        LossAssertions.assertFiniteWithGradient(loss, logits, LABELS);
        float[] each = loss.classWeights(null).reduction(Reduction.NONE).apply(logits, LABELS).toFloatArray();
        assertArrayEquals(new float[] {200f, 200f + (float) Math.log(2), 0f, 200f}, each, 1e-3f);
    }

    @Test
    void errorsNameTheLossTheShapesAndTheBadLabel() {
        var batch = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossEntropy().apply(Tensor.zeros(32, 10), Tensor.zeros(16)));
        assertEquals("SparseCategoricalCrossEntropy: predictions [32, 10] and labels [16] disagree in the batch"
                + " dimension", batch.getMessage());
        var oneHot = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossEntropy().apply(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
        assertEquals("SparseCategoricalCrossEntropy: predictions [4, 3] and labels [4, 3] have the same shape,"
                + " but labels should be one class index per sample, shape [4]; for one-hot or probability"
                + " targets use CategoricalCrossEntropy", oneHot.getMessage());
        assertEquals("predictions [4, 3] and labels [4, 3] have the same shape, but labels should be one class index"
                + " per sample, shape [4]; for one-hot or probability targets use loss: categorical_crossentropy",
                ((AdvisedException) oneHot).fileMessage());
        var range = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossEntropy().apply(Tensor.zeros(4, 3), Tensor.of(0f, 1f, 3f, 2f)));
        assertEquals("SparseCategoricalCrossEntropy: label 3.0 at flat position 2 is not a class index in [0, 3)"
                + " for predictions [4, 3]", range.getMessage());
    }
}
