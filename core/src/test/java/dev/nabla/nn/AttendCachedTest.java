package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.KeyValueCache;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AttendCachedTest {

    /** Causal self-attention over 6 positions, then the same fed 3, 1 and 2 positions at a time through a cache. */
    private static void cachedEqualsWhole(MultiHeadAttention attention) {
        attention.eval();
        Tensor x = Tensor.randn(new Generator(3), 2, 6, 8);
        Tensor whole = attention.attend(x, x, x, AttentionMask.none(), false).get(0);
        KeyValueCache cache = new KeyValueCache();
        Tensor first = attention.attendCached(x.slice(1, 0, 3), cache);
        Tensor second = attention.attendCached(x.slice(1, 3, 4), cache);
        Tensor third = attention.attendCached(x.slice(1, 4, 6), cache);
        assertEquals(6, cache.length());
        assertArrayEquals(whole.toFloatArray(), Tensor.concat(1, first, second, third).toFloatArray(), 1e-5f);
    }

    @Test
    void cachedCausalAttentionEqualsTheLastRowsOfTheWholeSequence() {
        cachedEqualsWhole(MultiHeadAttention.withEmbedDim(8, 2).useCausalMask(true));
    }

    @Test
    void rotaryPositionsContinueFromTheCachedLength() {
        cachedEqualsWhole(MultiHeadAttention.withEmbedDim(8, 2).useCausalMask(true).rotary(true));
    }

    @Test
    void groupedQueryAttentionCachesItsFewerKeyValueHeads() {
        MultiHeadAttention attention = new MultiHeadAttention(4, 2).numKeyValueHeads(2).useCausalMask(true);
        cachedEqualsWhole(attention);
        KeyValueCache cache = new KeyValueCache();
        attention.attendCached(Tensor.randn(new Generator(1), 1, 3, 8), cache);
        assertArrayEquals(new int[] {1, 2, 3, 2}, cache.keys().shape().toArray());
    }

    @Test
    void aNonCausalLayerRefusesToExtendACache() {
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(8, 2);
        KeyValueCache cache = new KeyValueCache();
        attention.attendCached(Tensor.randn(new Generator(1), 1, 2, 8), cache);
        var error = assertThrows(IllegalArgumentException.class,
                () -> attention.attendCached(Tensor.randn(new Generator(2), 1, 1, 8), cache));
        assertTrue(error.getMessage().contains("needs causal masking"), error.getMessage());
    }

    @Test
    void rotationAtAnOffsetEqualsTheSameRowsOfALongerRotation() {
        Tensor x = Tensor.randn(new Generator(5), 1, 2, 7, 4);
        Tensor whole = RotaryEmbedding.rotate(x, 10000f);
        Tensor tail = RotaryEmbedding.rotate(x.slice(2, 4, 7), 10000f, 4);
        assertArrayEquals(whole.slice(2, 4, 7).toFloatArray(), tail.toFloatArray(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> RotaryEmbedding.rotate(x, 10000f, -1));
    }
}
