package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link MultiHeadAttention} against PyTorch's {@code nn.MultiheadAttention} on the same weights
 * (fixtures/generate_attention.py): packed and separate projections, boolean, additive, causal
 * and key padding masks, the fused path and the path returning weights.
 */
class MultiHeadAttentionTest {

    @TestFactory
    List<DynamicTest> matchesPyTorchOnTheSameWeights() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TorchFixture fixture : TorchFixture.cases("attention", "multi_head_attention/")) {
            for (boolean weights : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest(fixture.name() + (weights ? " with weights" : " fused"),
                        () -> check(fixture, weights)));
            }
        }
        return tests;
    }

    static AttentionMask maskOf(TorchFixture fixture) {
        AttentionMask mask = switch (fixture.option("mask")) {
            case "blocked" -> AttentionMask.blocked(fixture.tensor("attn_mask"));
            case "additive", "causal" -> AttentionMask.additive(fixture.tensor("attn_mask"));
            default -> AttentionMask.none();
        };
        return fixture.has("keep_key") ? mask.withKeyPadding(fixture.tensor("keep_key")) : mask;
    }

    private static void check(TorchFixture fixture, boolean needWeights) {
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(Integer.parseInt(fixture.option("embed_dim")),
                Integer.parseInt(fixture.option("num_heads"))).useBias(fixture.flag("bias"))
                .keyValueDims(Integer.parseInt(fixture.option("kdim")), Integer.parseInt(fixture.option("vdim")));
        Tensor query = fixture.leaf("query");
        Tensor key = fixture.leaf("key");
        Tensor value = fixture.leaf("value");
        attention.build(query.shape().toArray());
        assertTrue(attention.loadStateDict(fixture.stateDict("state"), true).isClean());
        assertEquals(fixture.stateDict("state").keySet(), attention.stateDict().keySet());
        attention.eval();
        List<Tensor> out = attention.attend(query, key, value, maskOf(fixture), needWeights);
        fixture.assertForward("output", out.get(0));
        if (needWeights) {
            fixture.assertForward("weights", out.get(1));
        }
        out.get(0).backward(fixture.tensor("grad_output"));
        fixture.assertGradient("grad_query", query.grad());
        fixture.assertGradient("grad_key", key.grad());
        fixture.assertGradient("grad_value", value.grad());
        attention.namedParameters().forEach((name, p) -> fixture.assertGradient("grad_" + name, p.grad()));
    }

    @Test
    void kerasCallFormTakesTheKeyPaddingFromTheValueAndGivesTheQueryMaskToTheOutput() {
        TorchFixture fixture = TorchFixture.load("attention", "multi_head_attention/blocked_and_key_padding");
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(8, 2);
        attention.build(2, 4, 8);
        attention.loadStateDict(fixture.stateDict("state"), true);
        attention.eval();
        Tensor query = fixture.tensor("query");
        Tensor value = fixture.tensor("value");
        Tensor key = fixture.tensor("key");
        Masks.attach(value, fixture.tensor("keep_key"));
        Tensor queryMask = Tensor.ones(2, 4);
        Masks.attach(query, queryMask);
        Tensor allowed = fixture.tensor("attn_mask").eq(0f).unsqueeze(0).expand(2, 4, 5);
        Tensor y = attention.forward(List.of(query, value, key, allowed));
        fixture.assertForward("output", y);
        assertArrayEquals(queryMask.toFloatArray(), Masks.of(y).toFloatArray(), 0f);
    }

    @Test
    void returnsAttentionScoresInAGraphWhenAsked() {
        MultiHeadAttention attention = new MultiHeadAttention(2, 3).returnAttentionScores(true)
                .averageAttentionWeights(false).useCausalMask(true);
        Tensor x = Tensor.randn(new Generator(1), 2, 5, 4);
        List<Tensor> out = attention.forwardAll(List.of(x, x));
        assertArrayEquals(new int[] {2, 5, 4}, out.get(0).shape().toArray());
        assertArrayEquals(new int[] {2, 2, 5, 5}, out.get(1).shape().toArray());
        assertEquals(0f, out.get(1).get(0, 1, 0, 3), 0f);
        assertEquals(1f, out.get(1).sum(3).get(1, 1, 2), 1e-6f);
        assertTrue(attention.stateDict().containsKey("q_proj_weight"), "key_dim 3 × 2 heads ≠ 4: separate weights");
    }

    @Test
    void groupedQueryAttentionSharesKeyValueHeadsAndPassesAGradientCheck() {
        MultiHeadAttention attention = new MultiHeadAttention(4, 2).numKeyValueHeads(2).seed(3);
        Tensor x = Tensor.uniform(new Generator(2), -1f, 1f, 2, 3, 6).requiresGrad(true);
        attention.build(2, 3, 6);
        assertArrayEquals(new int[] {4, 6}, attention.stateDict().get("k_proj_weight").shape().toArray());
        assertArrayEquals(new int[] {8 + 4 + 4}, attention.stateDict().get("in_proj_bias").shape().toArray());
        GradCheck.assertGradients(in -> attention.forward(in[0]), x);
        var fused = attention.forward(x);
        var composed = attention.attend(x, x, x, AttentionMask.none(), true).get(0);
        assertTrue(fused.allClose(composed, 1e-5f, 1e-6f));
    }

    @Test
    void dropoutActsInTrainingOnly() {
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(8, 2).dropout(0.5f).seed(4);
        Tensor x = Tensor.randn(new Generator(5), 2, 6, 8);
        Tensor first = attention.forward(x);
        Tensor second = attention.forward(x);
        assertNotEquals(first.sum().item(), second.sum().item());
        attention.eval();
        assertArrayEquals(attention.forward(x).toFloatArray(), attention.forward(x).toFloatArray(), 0f);
    }

    @Test
    void wrongSizesAreNamed() {
        MultiHeadAttention attention = MultiHeadAttention.withEmbedDim(8, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> attention.forward(Tensor.zeros(2, 3, 6)));
        assertTrue(e.getMessage().contains("MultiHeadAttention") && e.getMessage().contains("8"), e.getMessage());
        attention.build(2, 3, 8);
        var k = assertThrows(IllegalArgumentException.class,
                () -> attention.forward(List.of(Tensor.zeros(2, 3, 8), Tensor.zeros(2, 4, 5))));
        assertTrue(k.getMessage().contains("a key [2, keys, 8]"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(4, 2).numKeyValueHeads(3));
        assertThrows(IllegalArgumentException.class, () -> MultiHeadAttention.withEmbedDim(10, 3));
    }
}
