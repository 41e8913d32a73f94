package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Transformer layers against PyTorch's {@code nn.TransformerEncoderLayer},
 * {@code nn.TransformerDecoderLayer}, {@code nn.TransformerEncoder} and {@code nn.TransformerDecoder}
 * on the same weights (fixtures/generate_attention.py): both norm orders, relu and gelu, causal and
 * key padding masks; outputs and every gradient.
 */
class TransformerLayersTest {

    @TestFactory
    List<DynamicTest> matchesPyTorchOnTheSameWeights() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String prefix : List.of("encoder_layer/", "encoder/", "decoder_layer/", "decoder/")) {
            for (TorchFixture fixture : TorchFixture.cases("attention", prefix)) {
                tests.add(DynamicTest.dynamicTest(fixture.name(), () -> check(fixture)));
            }
        }
        return tests;
    }

    static TransformerOptions optionsOf(TorchFixture fixture) {
        return TransformerOptions.of(Integer.parseInt(fixture.option("d_model")),
                Integer.parseInt(fixture.option("nhead"))).dimFeedforward(Integer.parseInt(fixture.option("dim_feedforward")))
                .activation(ActivationFunction.byName(fixture.option("activation"))).normFirst(fixture.flag("norm_first"))
                .layerNormEps(fixture.number("layer_norm_eps", 1e-5f));
    }

    private static void check(TorchFixture fixture) {
        TransformerOptions options = optionsOf(fixture);
        int layers = Integer.parseInt(fixture.option("num_layers"));
        boolean decoder = fixture.name().startsWith("decoder");
        Layer layer = decoder ? (layers == 0 ? new TransformerDecoderLayer(options) : new TransformerDecoder(options,
                layers, true)) : (layers == 0 ? new TransformerEncoderLayer(options)
                : new TransformerEncoder(options, layers, true));
        Map<String, Tensor> state = fixture.stateDict("state");
        assertEquals(state.keySet(), layer.stateDict().keySet());
        assertTrue(layer.loadStateDict(state, true).isClean());
        layer.eval();
        AttentionMask mask = fixture.has("attn_mask") ? AttentionMask.additive(fixture.tensor("attn_mask"))
                : AttentionMask.none();
        Tensor output;
        List<Tensor> inputs = new ArrayList<>();
        if (decoder) {
            Tensor tgt = fixture.leaf("tgt");
            Tensor memory = fixture.leaf("memory");
            inputs.addAll(List.of(tgt, memory));
            AttentionMask self = fixture.has("keep_tgt") ? mask.withKeyPadding(fixture.tensor("keep_tgt")) : mask;
            AttentionMask cross = fixture.has("keep_memory")
                    ? AttentionMask.none().withKeyPadding(fixture.tensor("keep_memory")) : AttentionMask.none();
            output = layer instanceof TransformerDecoder stack ? stack.forward(tgt, memory, self, cross)
                    : ((TransformerDecoderLayer) layer).forward(tgt, memory, self, cross);
        } else {
            Tensor src = fixture.leaf("src");
            inputs.add(src);
            if (fixture.has("keep_src")) {
                Masks.attach(src, fixture.tensor("keep_src"));
            }
            output = layer instanceof TransformerEncoder stack ? stack.forward(src, mask)
                    : ((TransformerEncoderLayer) layer).forward(src, mask);
        }
        fixture.assertForward("output", output);
        output.backward(fixture.tensor("grad_output"));
        fixture.assertGradient(decoder ? "grad_tgt" : "grad_src", inputs.get(0).grad());
        if (decoder) {
            fixture.assertGradient("grad_memory", inputs.get(1).grad());
        }
        layer.namedParameters().forEach((name, p) -> fixture.assertGradient("grad_" + name, p.grad()));
    }

    @Test
    void decoderListFormIsCausalAndEqualsTheExplicitCall() {
        TorchFixture fixture = TorchFixture.load("attention", "decoder_layer/pre_norm_gelu");
        TransformerDecoderLayer layer = new TransformerDecoderLayer(optionsOf(fixture));
        layer.loadStateDict(fixture.stateDict("state"), true);
        layer.eval();
        Tensor tgt = fixture.tensor("tgt");
        Tensor memory = Masks.attach(fixture.tensor("memory"), fixture.tensor("keep_memory"));
        fixture.assertForward("output", layer.forward(List.of(tgt, memory)));
    }

    @Test
    void encoderLayerPassesAGradientCheckWithMasksAndPassesItsMaskOn() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(TransformerOptions.of(4, 2).dimFeedforward(6)
                .normFirst(true).activation(ActivationFunction.GELU).dropout(0f));
        Tensor x = Tensor.uniform(new Generator(1), -1f, 1f, 2, 3, 4).requiresGrad(true);
        Tensor keep = Tensor.of(new float[] {1, 1, 0, 1, 1, 1}, 2, 3);
        GradCheck.assertGradients(in -> layer.forward(Masks.attach(in[0], keep), AttentionMask.causalMask()), x);
        Tensor y = layer.forward(Masks.attach(x, keep));
        assertArrayEquals(keep.toFloatArray(), Masks.of(y).toFloatArray(), 0f);
    }

    @Test
    void transformerRunsEncoderThenDecoderWithPyTorchNames() {
        Transformer transformer = new Transformer(TransformerOptions.of(8, 2).dimFeedforward(16), 2, 1);
        assertTrue(transformer.stateDict().containsKey("encoder.layers.1.self_attn.in_proj_weight"));
        assertTrue(transformer.stateDict().containsKey("decoder.layers.0.multihead_attn.out_proj.bias"));
        assertTrue(transformer.stateDict().containsKey("decoder.norm.weight"));
        Tensor src = Tensor.randn(new Generator(2), 2, 5, 8);
        Tensor tgt = Tensor.randn(new Generator(3), 2, 4, 8);
        transformer.eval();
        Tensor y = transformer.forward(List.of(src, tgt));
        assertArrayEquals(new int[] {2, 4, 8}, y.shape().toArray());
        Tensor laterChanged = Tensor.concat(1, tgt.slice(1, 0, 3), Tensor.randn(new Generator(4), 2, 1, 8));
        Tensor z = transformer.forward(List.of(src, laterChanged));
        assertArrayEquals(y.slice(1, 0, 3).toFloatArray(), z.slice(1, 0, 3).toFloatArray(), 1e-6f,
                "a causal decoder's first steps do not see the last");
        assertNotEquals(y.slice(1, 3, 4).sum().item(), z.slice(1, 3, 4).sum().item());
    }

    @Test
    void dropoutActsInTrainingOnlyAndTrainingLowersTheLoss() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(TransformerOptions.of(8, 2).dimFeedforward(16)
                .dropout(0.3f)).seed(7);
        Tensor x = Tensor.randn(new Generator(8), 4, 6, 8);
        // Compare the outputs, not their sums: each row of a post-norm output sums to 0 but for rounding.
        assertFalse(java.util.Arrays.equals(layer.forward(x).toFloatArray(), layer.forward(x).toFloatArray()));
        layer.eval();
        assertArrayEquals(layer.forward(x).toFloatArray(), layer.forward(x).toFloatArray(), 0f);
        layer.train();
        Tensor target = Tensor.randn(new Generator(9), 4, 6, 8);
        var optimizer = new dev.nabla.optim.Adam(layer.parameters(), 0.01f);
        float first = 0f;
        float last = 0f;
        for (int step = 0; step < 30; step++) {
            optimizer.zeroGrad();
            Tensor loss = layer.forward(x).sub(target).pow(2f).mean();
            loss.backward();
            optimizer.step();
            last = loss.item();
            first = step == 0 ? last : first;
        }
        assertTrue(last < 0.7f * first, first + " → " + last);
    }

    @Test
    void badOptionsAndInputsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> TransformerOptions.of(10, 3));
        assertTrue(e.getMessage().contains("d_model (10)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransformerOptions.of(8, 2)
                .activation(ActivationFunction.TANH));
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2);
        var s = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(2, 3, 6)));
        assertTrue(s.getMessage().contains("[batch, length, 8]"), s.getMessage());
    }
}
