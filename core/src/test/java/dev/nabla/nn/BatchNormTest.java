package dev.nabla.nn;

import static dev.nabla.fixtures.TorchFixture.FORWARD_ABSOLUTE;
import static dev.nabla.fixtures.TorchFixture.FORWARD_RELATIVE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The behaviour BatchNorm1d and BatchNorm2d share, checked on both against PyTorch. */
class BatchNormTest {

    @Test
    void trainingStepsMatchPyTorch() {
        matchesPyTorch(BatchNorm1d::new, "bn1d");
        matchesPyTorch(BatchNorm1d::new, "bn1d_seq");
        matchesPyTorch(BatchNorm2d::new, "bn2d");
    }

    /** One training step with gradients, a second step, then evaluation, as generate_layers.py does. */
    private static void matchesPyTorch(Supplier<BatchNorm> factory, String name) {
        TorchFixture f = TorchFixture.load("layers", name);
        BatchNorm bn = factory.get();
        f.assertLayer(bn);
        bn.forward(f.tensor("input2"));
        f.stateDict("after_two_steps").forEach((key, expected) ->
                TorchFixture.assertClose(expected, bn.stateDict().get(key), FORWARD_RELATIVE, FORWARD_ABSOLUTE,
                        name + " " + key + " after two steps"));
        bn.eval();
        f.assertForward("eval_output", bn.forward(f.tensor("input")));
    }

    @Test
    void gradientsFlowThroughTheBatchStatisticsInTraining() {
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.loadStateDict(TorchFixture.load("layers", "bn2d").stateDict("state"), true);
        Tensor x = Tensor.uniform(new Generator(4), -1f, 2f, 2, 3, 2, 2).requiresGrad(true);
        GradCheck.assertGradients(in -> bn.forward(in[0]), x, bn.weight().value(), bn.bias().value());
        BatchNorm1d bn1 = new BatchNorm1d(2);
        Tensor x1 = Tensor.uniform(new Generator(5), -1f, 2f, 3, 2, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> bn1.forward(in[0]), x1, bn1.weight().value(), bn1.bias().value());
    }

    @Test
    void runningStatisticsUseMomentumAndTheUnbiasedVariance() {
        BatchNorm1d bn = new BatchNorm1d(BatchNorm1d.Config.of().numFeatures(1).eps(1e-5f).momentum(0.5f)
                .affine(false));
        bn.forward(Tensor.of(new float[] {1, 3}, 2, 1));
        assertArrayEquals(new float[] {1f}, bn.runningMean().toFloatArray(), 1e-6f, "0.5·0 + 0.5·2");
        assertArrayEquals(new float[] {1.5f}, bn.runningVar().toFloatArray(), 1e-6f, "0.5·1 + 0.5·2");
        assertEquals(1f, bn.numBatchesTracked().item());
    }

    @Test
    void evaluationUsesTheRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(BatchNorm1d.Config.of().numFeatures(2).eps(1e-5f).momentum(0.1f)
                .affine(false));
        bn.forward(Tensor.of(new float[][] {{0, 10}, {4, 30}}));
        bn.eval();
        Tensor mean = bn.runningMean().detach();
        Tensor y = bn.forward(Tensor.of(new float[][] {{2, 20}}));
        Tensor expected = Tensor.of(new float[][] {{2, 20}}).sub(mean).div(bn.runningVar().add(1e-5f).sqrt());
        assertTrue(y.allClose(expected), y.toString());
        assertEquals(1f, bn.numBatchesTracked().item(), "evaluation leaves the statistics alone");
        assertTrue(bn.runningMean().allClose(mean));
    }

    @Test
    void aFrozenLayerUsesAndKeepsItsRunningStatisticsInTraining() {
        TorchFixture f = TorchFixture.load("layers", "bn2d");
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.loadStateDict(f.stateDict("after_two_steps"), true);
        bn.setTrainable(false);
        Tensor x = f.tensor("input");
        assertTrue(bn.isTraining());
        f.assertForward("eval_output", bn.forward(x));
        f.stateDict("after_two_steps").forEach((name, expected) ->
                TorchFixture.assertClose(expected, bn.stateDict().get(name), 0, 0, "frozen " + name));
        assertTrue(bn.trainableParameters().isEmpty());
        bn.setTrainable(true);
        bn.forward(x);
        assertEquals(3f, bn.numBatchesTracked().item(), "unfrozen, training updates the statistics again");
    }

    @Test
    void stateDictNamesArePyTorchs() {
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(new BatchNorm2d(4).stateDict().keySet()));
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(new BatchNorm1d(BatchNorm1d.Config.of().numFeatures(4).eps(1e-5f).momentum(0.1f)
                        .affine(false)).stateDict().keySet()));
    }

    @Test
    void trainingOnOneValuePerChannelIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(1, 3)));
        assertEquals("BatchNorm1d: training needs more than one value per channel, got input of shape [1, 3]"
                + " (use a larger batch, or eval())", e.getMessage());
        assertEquals(1, new BatchNorm1d(3).eval().forward(Tensor.ones(1, 3)).dim(0));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(BatchNorm2d.Config.of().numFeatures(3)
                .eps(0f).momentum(0.1f).affine(true)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(BatchNorm2d.Config.of().numFeatures(3)
                .eps(1e-5f).momentum(1.5f).affine(true)));
        assertEquals("BatchNorm2d(features=3, eps=1.0E-5, momentum=0.1, affine=true)", new BatchNorm2d(3).toString());
    }
}
