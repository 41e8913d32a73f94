package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TransformerLanguageModelTest {

    private static TransformerLanguageModel tiny(TransformerLanguageModel.Positions positions, boolean tied) {
        return new TransformerLanguageModel(TransformerLanguageModel.Config.of(6, 4, 4, 2, 1).dimFeedforward(8)
                .positions(positions).tieWeights(tied));
    }

    /** The model with embeddings of unit scale: at GPT-2's 0.02 finite differences would meet the layer norm's curvature. */
    private static TransformerLanguageModel unitScale(TransformerLanguageModel model) {
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter p : model.parameters()) {
                if (p.shape().rank() == 2 && p.shape().dim(1) == 4 && p.shape().dim(0) != 8) {
                    p.value().assign(Tensor.uniform(new Generator(p.shape().dim(0)), -1f, 1f, p.shape().toArray()));
                }
            }
        }
        return model;
    }

    private static Tensor ids(float[] values, int... shape) {
        return Tensor.of(values, shape).to(DType.INT32);
    }

    @Test
    void passesTheLayerContractWithLearnedAndRotaryPositions() {
        Tensor x = ids(new float[] {1, 2, 3, 0, 5, 4}, 2, 3);
        LayerContract.check(() -> unitScale(tiny(TransformerLanguageModel.Positions.LEARNED, false)), x,
                new int[] {2, 3, 6});
        LayerContract.check(() -> unitScale(tiny(TransformerLanguageModel.Positions.ROTARY, true)), x,
                new int[] {2, 3, 6});
    }

    @Test
    void namesItsWeightsAndTiesTheHeadToTheEmbedding() {
        var untied = tiny(TransformerLanguageModel.Positions.LEARNED, false);
        assertTrue(untied.stateDict().keySet().containsAll(java.util.List.of("token_embedding.weight",
                "position_embedding.weight", "blocks.0.self_attn.in_proj_weight", "norm.weight", "head.weight")));
        var tied = tiny(TransformerLanguageModel.Positions.ROTARY, true);
        assertFalse(tied.stateDict().containsKey("head.weight"));
        assertFalse(tied.stateDict().containsKey("position_embedding.weight"));
        assertEquals(untied.parameterCount() - 6 * 4 - 4 * 4, tied.parameterCount());
    }

    @Test
    void anEarlierPositionDoesNotSeeALaterToken() {
        var model = tiny(TransformerLanguageModel.Positions.LEARNED, false);
        Tensor a = model.forward(ids(new float[] {1, 2, 3, 4}, 1, 4));
        Tensor b = model.forward(ids(new float[] {1, 2, 3, 5}, 1, 4));
        assertArrayEquals(a.slice(1, 0, 3).toFloatArray(), b.slice(1, 0, 3).toFloatArray(), 0f);
    }

    @Test
    void trainingOnARepeatingSequenceLowersTheLoss() {
        var model = new TransformerLanguageModel(TransformerLanguageModel.Config.of(6, 8, 16, 2, 2));
        Tensor x = ids(new float[] {2, 3, 4, 5, 2, 3, 4, 5, 3, 4, 5, 2, 3, 4, 5, 2}, 2, 8);
        Tensor y = ids(new float[] {3, 4, 5, 2, 3, 4, 5, 2, 4, 5, 2, 3, 4, 5, 2, 3}, 2, 8);
        var loss = new SparseCategoricalCrossEntropy().fromLogits(true);
        var adam = new Adam(model.trainableParameters(), 0.01f);
        float first = 0;
        float last = 0;
        for (int step = 0; step < 30; step++) {
            adam.zeroGrad();
            Tensor value = loss.apply(model.forward(x), y);
            value.backward();
            adam.step();
            first = step == 0 ? value.item() : first;
            last = value.item();
        }
        assertTrue(last < first / 4, "loss from " + first + " to " + last);
    }

    @Test
    void aSequenceLongerThanTheContextIsRefused() {
        var model = tiny(TransformerLanguageModel.Positions.LEARNED, false);
        var error = assertThrows(IllegalArgumentException.class, () -> model.forward(ids(new float[5], 1, 5)));
        assertTrue(error.getMessage().contains("length ≤ 4"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransformerLanguageModel.Config.of(6, 4, 6, 4, 1));
    }
}
