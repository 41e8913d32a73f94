package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.AttentionMask;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.KeyValueCache;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CausalTransformerBlockTest {

    @Test
    void equalsPyTorchsPreNormEncoderLayerWithACausalMask() {
        CausalTransformerBlock block = new CausalTransformerBlock(8, 2, 16, 0f, false);
        TransformerEncoderLayer encoder = new TransformerEncoderLayer(TransformerOptions.of(8, 2).dimFeedforward(16)
                .dropout(0f).activation(ActivationFunction.GELU).normFirst(true));
        assertTrue(encoder.loadStateDict(block.stateDict(), true).isClean(), "the same state-dict names and shapes");
        Tensor x = Tensor.randn(new Generator(2), 2, 5, 8);
        assertArrayEquals(encoder.forward(x, AttentionMask.causalMask()).toFloatArray(), block.forward(x).toFloatArray(),
                1e-6f);
    }

    @Test
    void passesTheLayerContract() {
        LayerContract.check(() -> new CausalTransformerBlock(4, 2, 6, 0f, true), new int[] {2, 3, 4},
                new int[] {2, 3, 4});
    }

    @Test
    void aGradientCheckWithRotaryPositions() {
        CausalTransformerBlock block = new CausalTransformerBlock(4, 2, 6, 0f, true);
        Tensor x = Tensor.uniform(new Generator(1), -1f, 1f, 1, 4, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> block.forward(in[0]), x);
    }

    @Test
    void cachedStepsEqualTheWholeSequence() {
        CausalTransformerBlock block = new CausalTransformerBlock(8, 2, 16, 0f, true);
        block.eval();
        Tensor x = Tensor.randn(new Generator(4), 1, 5, 8);
        KeyValueCache cache = new KeyValueCache();
        Tensor prefix = block.forward(x.slice(1, 0, 4), cache);
        Tensor last = block.forward(x.slice(1, 4, 5), cache);
        assertArrayEquals(block.forward(x).toFloatArray(), Tensor.concat(1, prefix, last).toFloatArray(), 1e-5f);
    }
}
