package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Global pooling over the steps of sequences, channels last, honouring masks; masks passed on by per-step layers. */
class MaskedPoolingTest {

    private static final int[] LENGTHS = {5, 2, 3};

    /** Three sequences of 5 steps and 4 features, padded after LENGTHS steps with large values. */
    private static Tensor padded() {
        Tensor x = Tensor.randn(new Generator(1), 3, 5, 4);
        Tensor mask = Masks.fromLengths(LENGTHS, 5);
        return Tensor.where(mask.unsqueeze(-1).gt(0f), x, Tensor.scalar(100f));
    }

    /** Each sequence's own steps, unpadded, pooled by {@code pool} over the steps: Keras's and PyTorch's per-sequence result. */
    private static Tensor perSequence(Tensor x, java.util.function.UnaryOperator<Tensor> pool) {
        Tensor[] rows = new Tensor[LENGTHS.length];
        for (int n = 0; n < LENGTHS.length; n++) {
            rows[n] = pool.apply(x.slice(0, n, n + 1).slice(1, 0, LENGTHS[n]));
        }
        return Tensor.concat(0, rows);
    }

    @Test
    void theMaskedMeanIsTheMeanOverEachSequencesRealSteps() {
        Tensor x = padded();
        Tensor pooled = new GlobalAvgPool(DataFormat.CHANNELS_LAST).forward(Masks.attach(x, Masks.fromLengths(LENGTHS, 5)));
        assertTrue(pooled.allClose(perSequence(x, s -> s.mean(1, false)), 1e-6f, 1e-6f), pooled.toString());
        assertNull(Masks.of(pooled), "no step axis, no mask");
    }

    @Test
    void theMaskedMaximumIgnoresPaddedSteps() {
        Tensor x = padded().neg();   // real values around 0, padding -100
        Tensor large = padded();     // padding +100 would win an unmasked maximum
        Tensor mask = Masks.fromLengths(LENGTHS, 5);
        GlobalMaxPool pool = new GlobalMaxPool(DataFormat.CHANNELS_LAST);
        assertTrue(pool.forward(Masks.attach(large, mask)).allClose(perSequence(large, s -> s.max(1, false)), 0f, 0f));
        assertTrue(pool.forward(Masks.attach(x, mask)).allClose(perSequence(x, s -> s.max(1, false)), 0f, 0f));
        Tensor empty = Masks.attach(Tensor.ones(1, 3, 2), Tensor.zeros(1, 3));
        assertArrayEquals(new float[] {0, 0}, pool.forward(empty).toFloatArray(), "no real step gives 0");
        assertArrayEquals(new float[] {0, 0}, new GlobalAvgPool(DataFormat.CHANNELS_LAST).forward(empty)
                .toFloatArray());
    }

    @Test
    void withoutAMaskChannelsLastPoolsTheStepsAndChannelsFirstIgnoresMasks() {
        Tensor x = Tensor.randn(new Generator(2), 2, 6, 3);
        assertTrue(new GlobalAvgPool(DataFormat.CHANNELS_LAST).forward(x).allClose(x.mean(1, false), 0f, 0f));
        assertTrue(new GlobalMaxPool(DataFormat.CHANNELS_LAST).forward(x).allClose(x.max(1, false), 0f, 0f));
        Tensor masked = Masks.attach(x.add(0f), Masks.fromLengths(new int[] {6, 1}, 6));
        assertTrue(new GlobalAvgPool().forward(masked).allClose(x.mean(2, false), 0f, 0f));
        Tensor images = Tensor.randn(new Generator(3), 2, 4, 5, 3);
        assertTrue(new GlobalAvgPool(DataFormat.CHANNELS_LAST).forward(images)
                .allClose(images.mean(new int[] {1, 2}, false), 1e-6f, 1e-6f));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor mask = Masks.fromLengths(LENGTHS, 5);
        Tensor x = Tensor.permutation(new Generator(4), 60).mul(0.05f).reshape(3, 5, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> new GlobalAvgPool(DataFormat.CHANNELS_LAST).forward(Masks.attach(in[0], mask)), x);
        GradCheck.assertGradients(in -> new GlobalMaxPool(DataFormat.CHANNELS_LAST).forward(Masks.attach(in[0], mask)), x);
    }

    @Test
    void anEmbeddingMaskReachesThePoolingThroughDropoutDenseAndActivations() {
        Tensor tokens = Tensor.of(new float[] {4, 2, 7, 0, 0, 3, 0, 0, 0, 0}, 2, 5);
        Embedding embedding = new Embedding(10, 6).maskZero(true).seed(1);
        Sequential model = new Sequential(embedding, new Dropout(0.3f), new Dense(8), new Relu(),
                new GlobalAvgPool(DataFormat.CHANNELS_LAST)).seed(2);
        model.eval();
        Tensor pooled = model.forward(tokens);
        Tensor steps = new Sequential(new Relu()).forward(((Dense) model.layers().get(2)).forward(
                embedding.forward(tokens)));
        assertTrue(pooled.slice(0, 0, 1).allClose(steps.slice(0, 0, 1).slice(1, 0, 3).mean(1, false), 1e-6f, 1e-6f));
        assertTrue(pooled.slice(0, 1, 2).allClose(steps.slice(0, 1, 2).slice(1, 0, 1).mean(1, false), 1e-6f, 1e-6f));
        model.train();
        Tensor dropped = new Dropout(0.5f).seed(3).forward(embedding.forward(tokens));
        assertEquals(2, Masks.of(dropped).rank(), "dropout in training passes the mask on");
    }

    @Test
    void onlyLayersThatKeepTheStepsPassTheMaskOn() {
        Tensor ids = Masks.attach(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {1, 1, 1, 0}, 2, 2));
        assertNull(Masks.of(new Dense(2).forward(ids)), "a dense layer over the steps of [N, T] mixes them");
        Tensor sequences = Masks.attach(Tensor.zeros(2, 2, 3), Masks.of(ids));
        float[] mask = {1, 1, 1, 0};
        assertArrayEquals(mask, Masks.of(new Dense(5).forward(sequences)).toFloatArray());
        assertArrayEquals(mask, Masks.of(new Tanh().forward(ids)).toFloatArray());
        assertNull(Masks.of(new Flatten().forward(sequences)));
    }
}
