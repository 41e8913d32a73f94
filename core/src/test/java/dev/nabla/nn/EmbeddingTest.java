package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    @Test
    void meetsTheLayerContract() {
        Tensor ids = Tensor.randint(new Generator(3), 0, 6, 2, 3);
        LayerContract.check(() -> new Embedding(6, 4), List.of(ids), new int[] {2, 3, 4});
        // The padding row's gradient is zero by design, not the derivative: keep it out of the check.
        Tensor unpadded = Tensor.randint(new Generator(4), 1, 6, 4);
        LayerContract.check(() -> new Embedding(Embedding.Config.of(6, 2).paddingIndex(0)), List.of(unpadded),
                new int[] {4, 2});
    }

    @Test
    void matchesPyTorch() {
        TorchFixture.load("layers", "emb").assertLayer(new Embedding(Embedding.Config.of(10, 4).paddingIndex(2)));
    }

    @Test
    void thePaddingRowStartsAtZeroAndGetsNoGradient() {
        Embedding embedding = new Embedding(Embedding.Config.of(5, 3).paddingIndex(-1));
        assertEquals(4, embedding.paddingIndex());
        assertArrayEquals(new float[3], embedding.weight().value().slice(0, 4, 5).toFloatArray());
        embedding.forward(Tensor.of(4f, 1f, 4f)).sum().backward();
        Tensor grad = embedding.weight().grad();
        assertArrayEquals(new float[3], grad.slice(0, 4, 5).toFloatArray(), "padding row");
        assertArrayEquals(new float[] {1, 1, 1}, grad.slice(0, 1, 2).toFloatArray(), "used row");
    }

    @Test
    void indicesOfAnyShapeGainTheEmbeddingDimension() {
        Embedding embedding = new Embedding(4, 2);
        assertArrayEquals(new int[] {2}, embedding.forward(Tensor.scalar(3f)).shape().toArray());
        Tensor y = embedding.forward(Tensor.of(new float[] {0, 1, 2, 3, 3, 0, 1, 2}, 2, 2, 2));
        assertArrayEquals(new int[] {2, 2, 2, 2}, y.shape().toArray());
        assertTrue(y.slice(0, 0, 1).slice(1, 0, 1).slice(2, 0, 1).reshape(2)
                .allClose(embedding.weight().value().slice(0, 0, 1).reshape(2)));
    }

    @Test
    void initialisationIsStandardNormalAsPyTorch() {
        Tensor w = new Embedding(200, 50).weight().value();
        assertTrue(Math.abs(w.mean().item()) < 0.05f, "mean " + w.mean().item());
        assertTrue(Math.abs(w.std().item() - 1f) < 0.05f, "std " + w.std().item());
    }

    @Test
    void badIndicesGiveClearErrors() {
        Embedding embedding = new Embedding(10, 4);
        var e = assertThrows(IndexOutOfBoundsException.class,
                () -> embedding.forward(Tensor.of(new float[] {1, 12, 3, 4}, 2, 2)));
        assertEquals("Embedding: index 12 at flat position 1 of the input [2, 2] is out of range for 10 embeddings"
                + " (valid: 0 to 9)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> embedding.forward(Tensor.of(-1f)));
        var f = assertThrows(IllegalArgumentException.class, () -> embedding.forward(Tensor.of(0.5f)));
        assertEquals("Embedding: index 0.5 at flat position 0 of the input [1] is not a whole number", f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(Embedding.Config.of(10, 4).paddingIndex(10)));
    }
}
