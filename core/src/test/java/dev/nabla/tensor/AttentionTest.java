package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.kernels.Parallel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fused scaled dot-product attention against finite differences and against the same
 * computation composed from primitive ops, with every kind of mask, causal mode, grouped-query
 * heads and dropout.
 */
class AttentionTest {

    private static Tensor leaf(long seed, int... shape) {
        return Tensor.uniform(new Generator(seed), -1f, 1f, shape).requiresGrad(true);
    }

    private static Map<String, AttentionMask> masks() {
        Tensor pairs = Tensor.of(new float[] {1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1}, 4, 5);
        Tensor additive = Tensor.uniform(new Generator(9), -2f, 2f, 2, 1, 4, 5);
        Tensor keep = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, 2, 5);
        return Map.of("none", AttentionMask.none(), "causal", AttentionMask.causalMask(),
                "allowed", AttentionMask.allowed(pairs), "blocked", AttentionMask.blocked(pairs),
                "additive", AttentionMask.additive(additive), "key padding", AttentionMask.none().withKeyPadding(keep),
                "causal with key padding and additive", AttentionMask.additive(additive).withKeyPadding(keep)
                        .withCausal(true));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithEveryMask() {
        for (var entry : masks().entrySet()) {
            for (int kvHeads : new int[] {2, 1}) {
                Tensor q = leaf(1, 2, 2, 4, 3);
                Tensor k = leaf(2, 2, kvHeads, 5, 3);
                Tensor v = leaf(3, 2, kvHeads, 5, 2);
                GradCheck.Result result = GradCheck.defaults().check(in -> Attention.scaledDotProductAttention(in[0],
                        in[1], in[2], entry.getValue(), false, 0f, null), q, k, v);
                assertTrue(result.passed(), entry.getKey() + ", " + kvHeads + " key/value heads: " + result);
            }
        }
    }

    /** F.scaled_dot_product_attention (fixtures/generate_attention.py): boolean, float and causal masks, grouped heads. */
    @Test
    void matchesPyTorchsScaledDotProductAttention() {
        for (TorchFixture fixture : TorchFixture.cases("attention", "sdpa/")) {
            Tensor q = fixture.leaf("query");
            Tensor k = fixture.leaf("key");
            Tensor v = fixture.leaf("value");
            AttentionMask mask = switch (fixture.option("mask")) {
                case "allowed" -> AttentionMask.allowed(fixture.tensor("attn_mask"));
                case "additive" -> AttentionMask.additive(fixture.tensor("attn_mask"));
                default -> AttentionMask.none();
            };
            Tensor out = Attention.scaledDotProductAttention(q, k, v, mask, fixture.option("mask").equals("causal"), 0f,
                    null);
            fixture.assertForward("output", out);
            out.backward(fixture.tensor("grad_output"));
            fixture.assertGradient("grad_query", q.grad());
            fixture.assertGradient("grad_key", k.grad());
            fixture.assertGradient("grad_value", v.grad());
        }
    }

    @Test
    void fusedEqualsComposedForwardAndBackward() {
        for (var entry : masks().entrySet()) {
            Tensor q = leaf(4, 2, 4, 4, 3);
            Tensor k = leaf(5, 2, 2, 5, 3);
            Tensor v = leaf(6, 2, 2, 5, 6);
            Tensor weight = Tensor.randn(new Generator(7), 2, 4, 4, 6);
            Tensor fused = Attention.scaledDotProductAttention(q, k, v, entry.getValue(), false, 0f, null);
            fused.mul(weight).sum().backward();
            Tensor[] fusedGrads = {q.grad(), k.grad(), v.grad()};
            q.zeroGrad();
            k.zeroGrad();
            v.zeroGrad();
            Tensor composed = Attention.weights(q, k, entry.getValue(), false).matmul(Attention.repeatHeads(v, 4));
            composed.mul(weight).sum().backward();
            assertTrue(composed.allClose(fused, 1e-5f, 1e-6f), entry.getKey() + " forward");
            Tensor[] composedGrads = {q.grad(), k.grad(), v.grad()};
            for (int i = 0; i < 3; i++) {
                assertTrue(composedGrads[i].allClose(fusedGrads[i], 1e-4f, 1e-6f), entry.getKey() + " gradient " + i);
            }
        }
    }

    /** Heads read where they lie: permuted views of projections [N, L, H·D], as a multi-head layer passes them. */
    @Test
    void permutedHeadsGiveTheResultsOfContiguousOnesAndCheckedGradients() {
        Tensor projectedQ = leaf(11, 2, 4, 2 * 3);
        Tensor projectedK = leaf(12, 2, 5, 2 * 3);
        Tensor projectedV = leaf(13, 2, 5, 2 * 2);
        java.util.function.Function<Tensor[], Tensor> attend = in -> Attention.scaledDotProductAttention(
                in[0].reshape(2, 4, 2, 3).permute(0, 2, 1, 3), in[1].reshape(2, 5, 2, 3).permute(0, 2, 1, 3),
                in[2].reshape(2, 5, 2, 2).permute(0, 2, 1, 3), AttentionMask.causalMask(), false, 0f, null);
        Tensor strided = attend.apply(new Tensor[] {projectedQ, projectedK, projectedV});
        Tensor contiguous = Attention.scaledDotProductAttention(projectedQ.reshape(2, 4, 2, 3).permute(0, 2, 1, 3)
                .contiguous(), projectedK.reshape(2, 5, 2, 3).permute(0, 2, 1, 3).contiguous(),
                projectedV.reshape(2, 5, 2, 2).permute(0, 2, 1, 3).contiguous(), AttentionMask.causalMask(), false, 0f,
                null);
        assertArrayEquals(contiguous.toFloatArray(), strided.toFloatArray(), 0f);
        GradCheck.Result result = GradCheck.defaults().check(attend, projectedQ, projectedK, projectedV);
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void packedSelfAttentionEqualsAttentionOnItsThreePartsWithOneCheckedGradient() {
        Tensor qkv = leaf(14, 2, 5, 3 * 6);
        java.util.function.Function<Tensor[], Tensor> split = in -> Attention.scaledDotProductAttention(
                in[0].slice(2, 0, 6).reshape(2, 5, 2, 3).permute(0, 2, 1, 3),
                in[0].slice(2, 6, 12).reshape(2, 5, 2, 3).permute(0, 2, 1, 3),
                in[0].slice(2, 12, 18).reshape(2, 5, 2, 3).permute(0, 2, 1, 3), AttentionMask.causalMask(), false, 0f,
                null);
        Tensor weight = Tensor.randn(new Generator(15), 2, 2, 5, 3);
        Tensor packed = Attention.packedSelfAttention(qkv, 2, AttentionMask.causalMask(), false, 0f, null);
        packed.mul(weight).sum().backward();
        Tensor packedGrad = qkv.grad();
        qkv.zeroGrad();
        Tensor reference = split.apply(new Tensor[] {qkv});
        reference.mul(weight).sum().backward();
        assertArrayEquals(reference.toFloatArray(), packed.toFloatArray(), 1e-6f);
        assertArrayEquals(qkv.grad().toFloatArray(), packedGrad.toFloatArray(), 1e-6f);
        GradCheck.Result result = GradCheck.defaults().check(in -> Attention.packedSelfAttention(in[0], 2,
                AttentionMask.none(), true, 0f, null), qkv);
        assertTrue(result.passed(), result.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Attention.packedSelfAttention(leaf(1, 2, 5, 10), 2,
                AttentionMask.none(), false, 0f, null));
        assertTrue(e.getMessage().contains("[N, L, 3·E]"), e.getMessage());
    }

    @Test
    void largeScoresStayFinite() {
        Tensor q = Tensor.full(100f, 1, 1, 3, 4);
        Tensor k = Tensor.of(new float[] {100, 100, 100, 100, -100, -100, -100, -100}, 1, 1, 2, 4);
        Tensor v = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor out = Attention.scaledDotProductAttention(q, k, v);
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2}, out.toFloatArray(), 0f);
    }

    @Test
    void aQueryWithEveryKeyMaskedGetsZeros() {
        Tensor q = leaf(1, 1, 1, 2, 3);
        Tensor k = leaf(2, 1, 1, 2, 3);
        Tensor v = leaf(3, 1, 1, 2, 3);
        AttentionMask mask = AttentionMask.allowed(Tensor.of(new float[] {1, 1, 0, 0}, 2, 2));
        Tensor out = Attention.scaledDotProductAttention(q, k, v, mask, false, 0f, null);
        assertArrayEquals(new float[] {0, 0, 0}, out.slice(2, 1, 2).toFloatArray(), 0f);
        out.sum().backward();
        assertTrue(Float.isFinite(q.grad().sum().item()));
        assertArrayEquals(new float[3], q.grad().slice(2, 1, 2).toFloatArray(), 0f);
        Tensor weights = Attention.weights(q, k, mask, false);
        assertArrayEquals(new float[2], weights.slice(2, 1, 2).toFloatArray(), 0f);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Tensor q = leaf(1, 3, 4, 70, 8);
        Tensor k = leaf(2, 3, 2, 300, 8);
        Tensor v = leaf(3, 3, 2, 300, 8);
        int old = Parallel.threads();
        float[][] outputs = new float[2][];
        float[][] grads = new float[2][];
        try {
            // Warm up first: the vectorised exp gives other last bits interpreted than compiled.
            for (int i = 0; i < 12; i++) {
                Parallel.setThreads(1 + i % 2);
                Attention.scaledDotProductAttention(q, k, v, AttentionMask.causalMask(), false, 0.1f, new Generator(5))
                        .sum().backward();
                k.zeroGrad();
            }
            k.zeroGrad();
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                Tensor out = Attention.scaledDotProductAttention(q, k, v, AttentionMask.causalMask(), false, 0.1f,
                        new Generator(5));
                out.mul(out).sum().backward();
                outputs[threads - 1] = out.toFloatArray();
                grads[threads - 1] = k.grad().toFloatArray();
                k.zeroGrad();
            }
        } finally {
            Parallel.setThreads(old);
        }
        assertArrayEquals(outputs[0], outputs[1], 0f);
        assertArrayEquals(grads[0], grads[1], 0f);
    }

    @Test
    void dropoutKeepsTheExpectedValueAndItsGradientMatchesTheMask() {
        Tensor q = Tensor.zeros(1, 1, 2000, 2);
        Tensor k = Tensor.zeros(1, 1, 50, 2);
        Tensor v = Tensor.ones(1, 1, 50, 1);
        Tensor out = Attention.scaledDotProductAttention(q, k, v, AttentionMask.none(), false, 0.3f,
                new Generator(3));
        assertEquals(1.0, out.mean().item(), 0.02);
        long zeros = 0;
        for (float x : out.toFloatArray()) {
            zeros += x == 1f ? 0 : 1;
        }
        assertTrue(zeros > 1500, "dropout changes most rows' outputs: " + zeros);
        Tensor again = Attention.scaledDotProductAttention(q, k, v, AttentionMask.none(), false, 0.3f,
                new Generator(3));
        assertArrayEquals(out.toFloatArray(), again.toFloatArray(), 0f);
        Tensor other = Attention.scaledDotProductAttention(q, k, v, AttentionMask.none(), false, 0.3f,
                new Generator(4));
        assertNotEquals(out.sum().item(), other.sum().item());
        Tensor qs = leaf(1, 1, 2, 3, 2);
        Tensor ks = leaf(2, 1, 2, 4, 2);
        Tensor vs = leaf(3, 1, 2, 4, 2);
        GradCheck.Result result = GradCheck.defaults().check(in -> Attention.scaledDotProductAttention(in[0], in[1],
                in[2], AttentionMask.causalMask(), false, 0.4f, new Generator(8)), qs, ks, vs);
        assertTrue(result.passed(), "with dropout: " + result);
    }

    @Test
    void callsOfOtherShapesBetweenTwoEqualCallsChangeNothing() {
        // Scratch blocks stay with the thread between calls: 5 and 7 keys share a padded row width.
        java.util.function.IntFunction<float[]> gradients = keys -> {
            Tensor q = leaf(1, 2, 2, 3, 4);
            Tensor k = leaf(2, 2, 2, keys, 4);
            Tensor v = leaf(3, 2, 2, keys, 3);
            Attention.scaledDotProductAttention(q, k, v, AttentionMask.none(), false, 0.2f, new Generator(6))
                    .mul(leaf(4, 2, 2, 3, 3)).sum().backward();
            float[] all = new float[q.size() + k.size() + v.size()];
            System.arraycopy(q.grad().toFloatArray(), 0, all, 0, q.size());
            System.arraycopy(k.grad().toFloatArray(), 0, all, q.size(), k.size());
            System.arraycopy(v.grad().toFloatArray(), 0, all, q.size() + k.size(), v.size());
            return all;
        };
        float[] first = gradients.apply(5);
        float[] wider = gradients.apply(7);
        assertTrue(wider.length > first.length);
        assertArrayEquals(first, gradients.apply(5), 0f);
        float[] afterWider = gradients.apply(7);
        gradients.apply(5);
        assertArrayEquals(afterWider, gradients.apply(7), 0f);
    }

    @Test
    void badShapesAndMasksAreRefusedWithTheShapes() {
        Tensor q = leaf(1, 2, 3, 4, 5);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Attention.scaledDotProductAttention(q, leaf(2, 2, 2, 6, 5), leaf(3, 2, 2, 6, 5)));
        assertTrue(e.getMessage().contains("multiple of the key/value heads"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Attention.scaledDotProductAttention(q,
                leaf(2, 2, 3, 6, 5), leaf(3, 2, 3, 6, 5), AttentionMask.allowed(Tensor.ones(4, 7)), false, 0f, null));
        assertTrue(m.getMessage().contains("[4, 7]") && m.getMessage().contains("[4, 6]"), m.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> Attention.scaledDotProductAttention(q,
                leaf(2, 2, 3, 6, 5), leaf(3, 2, 3, 6, 5), AttentionMask.none().withKeyPadding(Tensor.ones(2, 5)), false,
                0f, null));
        assertTrue(p.getMessage().contains("key padding"), p.getMessage());
    }
}
