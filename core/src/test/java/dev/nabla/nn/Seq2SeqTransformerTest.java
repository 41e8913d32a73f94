package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder–decoder: the layer contract, padding and the causal target. */
class Seq2SeqTransformerTest {

    private static Seq2SeqTransformer small() {
        // GELU: no kink for the finite differences of the gradient check to straddle.
        return new Seq2SeqTransformer(7, 6, 5, TransformerOptions.of(8, 2).dimFeedforward(12).dropout(0f)
                .activation(ActivationFunction.GELU), 1, 1);
    }

    private static Tensor ids(int rows, float... values) {
        return Tensor.of(values, rows, values.length / rows).to(DType.INT32);
    }

    @Test
    void pairsOfSourceAndShiftedTargetPassTheLayerContract() {
        Tensor pairs = Tensor.of(new float[] {3, 4, 5, 0, 2, 1, 5, 0, 1, 6, 2, 0, 2, 4, 3, 1}, 2, 2, 4).to(DType.INT32);
        LayerContract.check(Seq2SeqTransformerTest::small, List.of(pairs), new int[] {2, 4, 6});
    }

    @Test
    void theOneTensorFormIsTheListForm() {
        Seq2SeqTransformer model = small();
        model.eval();
        Tensor source = ids(1, 3, 4, 5);
        Tensor target = ids(1, 2, 1, 5);
        Tensor pairs = Tensor.stack(1, source, target);
        assertTrue(model.forward(pairs).allClose(model.forward(List.of(source, target)), 1e-6f, 1e-6f));
    }

    @Test
    void paddingChangesNothingAndLaterTargetTokensAreNotSeen() {
        Seq2SeqTransformer model = small();
        model.eval();
        Tensor plain = model.forward(List.of(ids(1, 3, 4), ids(1, 2, 1)));
        Tensor padded = model.forward(List.of(ids(1, 3, 4, 0, 0), ids(1, 2, 1, 0)));
        assertTrue(plain.allClose(padded.slice(1, 0, 2), 1e-5f, 1e-6f), plain + " vs " + padded);
        Tensor changedLater = model.forward(List.of(ids(1, 3, 4), ids(1, 2, 1, 5, 5)));
        assertTrue(plain.allClose(changedLater.slice(1, 0, 2), 1e-5f, 1e-6f));
        Tensor changedSource = model.forward(List.of(ids(1, 3, 6), ids(1, 2, 1)));
        assertTrue(!plain.allClose(changedSource, 1e-5f, 1e-6f), "the decoder reads the source");
    }

    @Test
    void aModelFileRebuildsTheEncoderDecoderWithItsWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Seq2SeqTransformer model = small();
        model.eval();
        Tensor pairs = Tensor.of(new float[] {3, 4, 5, 0, 2, 1, 5, 0}, 1, 2, 4).to(DType.INT32);
        java.nio.file.Path file = dir.resolve("seq2seq.nabla");
        dev.nabla.io.ModelFile.save(file, model);
        Layer loaded = dev.nabla.io.ModelFile.load(file).model();
        loaded.eval();
        assertTrue(loaded instanceof Seq2SeqTransformer s && s.maxLength() == 5 && s.targetVocabularySize() == 6);
        assertArrayEquals(model.forward(pairs).toFloatArray(), loaded.forward(pairs).toFloatArray(), 1e-6f);
    }

    @Test
    void badInputsAreReportedWithTheShapeExpected() {
        Seq2SeqTransformer model = small();
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(ids(2, 1, 2, 3, 4)));
        assertTrue(e.getMessage().contains("[batch, 2, length]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(ids(1, 1, 2, 3, 4, 5, 6),
                ids(1, 2))));
        assertTrue(e.getMessage().contains("length ≤ 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Seq2SeqTransformer(1, 6, 5, TransformerOptions.of(8, 2),
                1, 1));
        assertArrayEquals(new int[] {1, 2, 6}, model.forward(List.of(ids(1, 1), ids(1, 2, 3))).shape().toArray());
    }
}
