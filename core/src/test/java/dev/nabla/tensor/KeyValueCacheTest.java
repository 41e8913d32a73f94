package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyValueCacheTest {

    @Test
    void storedKeysAndValuesAreTheAppendedOnesInOrderPastEveryRegrowth() {
        Tensor keys = Tensor.randn(new Generator(1), 2, 2, 150, 4);
        Tensor values = Tensor.randn(new Generator(2), 2, 2, 150, 3);
        KeyValueCache cache = new KeyValueCache();
        assertNull(cache.keys());
        for (int start = 0; start < 150; start += 50) {
            cache.append(keys.slice(2, start, start + 50), values.slice(2, start, start + 50));
        }
        assertEquals(150, cache.length());
        assertArrayEquals(keys.toFloatArray(), cache.keys().toFloatArray(), 0f);
        assertArrayEquals(values.toFloatArray(), cache.values().toFloatArray(), 0f);
    }

    @Test
    void attentionOfTheLastQueriesEqualsTheWholeCausalAttentionsLastRows() {
        Tensor q = Tensor.randn(new Generator(3), 1, 4, 7, 8);
        Tensor k = Tensor.randn(new Generator(4), 1, 2, 7, 8);
        Tensor v = Tensor.randn(new Generator(5), 1, 2, 7, 5);
        Tensor whole = Attention.scaledDotProductAttention(q, k, v, AttentionMask.causalMask(), false, 0f, null);
        KeyValueCache cache = new KeyValueCache();
        cache.append(k.slice(2, 0, 4), v.slice(2, 0, 4));
        Tensor first = cache.attend(q.slice(2, 0, 4), true);
        cache.append(k.slice(2, 4, 7), v.slice(2, 4, 7));
        Tensor rest = cache.attend(q.slice(2, 4, 7), true);
        assertArrayEquals(whole.toFloatArray(), Tensor.concat(2, first, rest).toFloatArray(), 1e-5f);
        Tensor all = Attention.scaledDotProductAttention(q.slice(2, 6, 7), k, v);
        assertArrayEquals(all.toFloatArray(), cache.attend(q.slice(2, 6, 7), false).toFloatArray(), 1e-5f);
    }

    @Test
    void keysThatDoNotContinueTheCacheAreRefusedUntilItIsCleared() {
        KeyValueCache cache = new KeyValueCache();
        cache.append(Tensor.zeros(1, 2, 3, 4), Tensor.zeros(1, 2, 3, 4));
        var error = assertThrows(IllegalArgumentException.class,
                () -> cache.append(Tensor.zeros(1, 3, 1, 4), Tensor.zeros(1, 3, 1, 4)));
        assertTrue(error.getMessage().contains("do not continue"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cache.append(Tensor.zeros(1, 2, 3, 4),
                Tensor.zeros(1, 2, 2, 4)));
        var queries = assertThrows(IllegalArgumentException.class, () -> cache.attend(Tensor.zeros(1, 2, 4, 4), true));
        assertTrue(queries.getMessage().contains("at most 3 positions"), queries.getMessage());
        cache.clear();
        assertEquals(0, cache.length());
        cache.append(Tensor.zeros(1, 3, 1, 4), Tensor.zeros(1, 3, 1, 4));
        assertEquals(1, cache.length());
    }
}
