package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Position encodings and embeddings: the sinusoidal encoding, rotary embedding and patch embedding
 * against PyTorch (fixtures/generate_attention.py), the learned positions and token + position
 * embedding by their definition.
 */
class PositionalLayersTest {

    @Test
    void sinusoidalEncodingMatchesThePyTorchTutorial() {
        TorchFixture.load("attention", "sinusoidal/add").assertLayer(new SinusoidalPositionalEncoding(10));
    }

    @Test
    void rotaryEmbeddingMatchesLlamasRotateHalf() {
        TorchFixture.load("attention", "rotary/heads").assertLayer(new RotaryEmbedding());
    }

    @Test
    void patchEmbeddingMatchesAStridedConvolution() {
        TorchFixture.load("attention", "patch_embedding/four_by_four").assertLayer(new PatchEmbedding(4, 6));
    }

    @Test
    void patchEmbeddingWithAClassTokenPutsItFirst() {
        PatchEmbedding embedding = new PatchEmbedding(2, 5).classToken(true);
        Tensor y = embedding.forward(Tensor.randn(new Generator(1), 3, 1, 4, 6));
        assertArrayEquals(new int[] {3, 7, 5}, y.shape().toArray());
        assertArrayEquals(embedding.stateDict().get("cls_token").toFloatArray(), y.slice(1, 0, 1).slice(0, 2, 3)
                .toFloatArray(), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> embedding.forward(Tensor.zeros(1, 1, 5, 6)));
        assertTrue(e.getMessage().contains("multiples of 2"), e.getMessage());
    }

    @Test
    void rotaryQueriesAndKeysScoreByRelativePosition() {
        Tensor q = Tensor.randn(new Generator(2), 1, 1, 1, 8).expand(1, 1, 6, 8);
        Tensor k = Tensor.randn(new Generator(3), 1, 1, 1, 8).expand(1, 1, 6, 8);
        Tensor scores = RotaryEmbedding.rotate(q, 10000f).matmul(RotaryEmbedding.rotate(k, 10000f).transpose(2, 3));
        for (int shift = 1; shift < 4; shift++) {
            assertEquals(scores.get(0, 0, 1, 0), scores.get(0, 0, 1 + shift, shift), 1e-5f);
            assertEquals(scores.get(0, 0, 0, 2), scores.get(0, 0, shift, 2 + shift), 1e-5f);
        }
        Tensor x = Tensor.uniform(new Generator(4), -1f, 1f, 2, 3, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> RotaryEmbedding.rotate(in[0], 100f), x);
    }

    @Test
    void attentionWithRotaryPositionsPassesAGradientCheck() {
        MultiHeadAttention attention = new MultiHeadAttention(2, 4).rotary(true).seed(5);
        Tensor x = Tensor.uniform(new Generator(6), -1f, 1f, 2, 4, 6).requiresGrad(true);
        attention.build(2, 4, 6);
        GradCheck.assertGradients(in -> attention.forward(in[0]), x);
        Tensor fused = attention.forward(x);
        Tensor composed = attention.attend(x, x, x, AttentionMask.none(), true).get(0);
        assertTrue(fused.allClose(composed, 1e-5f, 1e-6f));
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 3).rotary(true));
    }

    @Test
    void learnedPositionsAreAddedAndTrained() {
        PositionalEmbedding positions = new PositionalEmbedding(5);
        Tensor x = Tensor.randn(new Generator(7), 2, 3, 4);
        Tensor y = positions.forward(x);
        Tensor table = positions.weight().value();
        assertArrayEquals(x.add(table.slice(0, 0, 3)).toFloatArray(), y.toFloatArray(), 0f);
        y.sum().backward();
        assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0},
                positions.weight().grad().toFloatArray(), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> positions.forward(Tensor.zeros(2, 6, 4)));
        assertTrue(e.getMessage().contains("length ≤ 5"), e.getMessage());
    }

    @Test
    void tokenAndPositionEmbeddingPassesThePaddingMaskToAttention() {
        TokenAndPositionEmbedding embedding = new TokenAndPositionEmbedding(10, 6, 8).maskZero(true);
        Tensor ids = Tensor.of(new float[] {3, 4, 5, 0, 0, 7, 8, 9, 1, 0}, 2, 5);
        Tensor x = embedding.forward(ids);
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 0}, Masks.of(x).toFloatArray(), 0f);
        assertEquals(embedding.tokenEmbedding().weight().value().get(3, 0)
                + embedding.positionEmbedding().weight().value().get(0, 0), x.get(0, 0, 0), 1e-6f);
        TransformerEncoderLayer encoder = new TransformerEncoderLayer(TransformerOptions.of(8, 2).dimFeedforward(16));
        encoder.eval();
        Tensor y = encoder.forward(x);
        Tensor changedPadding = embedding.forward(Tensor.of(new float[] {3, 4, 5, 0, 0, 7, 8, 9, 1, 0}, 2, 5));
        Tensor other = Tensor.concat(1, changedPadding.slice(1, 0, 3), Tensor.randn(new Generator(1), 2, 2, 8));
        Masks.attach(other, Masks.of(changedPadding));
        Tensor z = encoder.forward(other);
        assertArrayEquals(y.slice(0, 0, 1).slice(1, 0, 3).toFloatArray(), z.slice(0, 0, 1).slice(1, 0, 3)
                .toFloatArray(), 1e-5f, "padded keys change nothing at the real steps");
        assertTrue(Masks.of(y) != null);
        assertEquals(List.of("token_embedding.weight", "position_embedding.weight"),
                List.copyOf(embedding.stateDict().keySet()));
    }
}
