package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conv → batch norm (→ ReLU, → a residual block's add and activation) folded into one
 * convolution when no graph is recorded: the same outputs as the layers one by one, which is
 * what they compute while a graph is recorded.
 */
class ConvolutionFoldingTest {

    private static Conv2d conv(int in, int out, int kernel, int stride, boolean bias) {
        return new Conv2d(Conv2d.Config.of(out, kernel).inChannels(in).useBias(bias)
                .options(ConvolutionOptions.defaults().stride(stride).padding(kernel / 2)));
    }

    /** Moves the batch norms' running statistics away from 0 and 1 (training-mode passes), then eval. */
    private static void settle(Layer model, int... inputShape) {
        model.train();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < 3; i++) {
                model.forward(Tensor.uniform(new Generator(10 + i), -2f, 3f, inputShape));
            }
        }
        model.eval();
    }

    /** The output with a graph recorded (unfolded) and without (folded); asserts they agree to 1e-5 relative. */
    private static void assertFoldedEqualsUnfolded(Layer model, Tensor input) {
        Tensor unfolded = model.forward(input);
        assertTrue(unfolded.requiresGrad(), "a graph is recorded, so the layers ran one by one");
        Tensor folded;
        try (NoGrad ignored = NoGrad.enter()) {
            folded = model.forward(input);
        }
        assertEquals(unfolded.shape(), folded.shape());
        float[] expected = unfolded.toFloatArray();
        float[] actual = folded.toFloatArray();
        double largest = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            largest = Math.max(largest, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(largest > 1e-3, "a meaningful output");
        assertTrue(error <= 1e-5 * largest, "folded differs by " + error + " at largest " + largest);
    }

    @Test
    void aConvolutionBatchNormAndReluInASequentialFold() {
        Layer.manualSeed(3);
        BatchNorm2d norm = new BatchNorm2d(8);
        Sequential model = new Sequential(conv(3, 8, 3, 2, true), norm, new Relu(), conv(8, 4, 1, 1, false),
                new BatchNorm2d(4));
        settle(model, 2, 3, 9, 9);
        assertTrue(norm.runningMean().toFloatArray()[0] != 0f, "the statistics moved");

        assertFoldedEqualsUnfolded(model, Tensor.uniform(new Generator(1), -1f, 1f, 2, 3, 9, 9));
    }

    @Test
    void aConvolutionItsReluAndATwoByTwoPoolingRunAsOneCallWithTheSameValues() {
        Layer.manualSeed(4);
        ConvolutionOptions valid = ConvolutionOptions.defaults();
        // Keras style (the activation in the conv) and PyTorch style (a Relu layer between).
        Sequential model = new Sequential(
                new Conv2d(Conv2d.Config.of(8, 3).inChannels(1).options(valid).activation(ActivationFunction.RELU)),
                new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(16, 3).inChannels(8).options(valid)), new Relu(), new MaxPool2d(2),
                new Flatten(), Dense.linear(16 * 5 * 5, 10));
        model.eval();
        Tensor input = Tensor.uniform(new Generator(5), -1f, 1f, 3, 1, 28, 28);
        try (NoGrad ignored = NoGrad.enter()) {
            model.forward(input);   // builds the pooling layers; the calls after it fuse
            Tensor x = input;
            for (Layer layer : model.layers()) {
                x = layer.forward(x);
            }
            Tensor fused = model.forward(input);
            assertEquals(x.shape(), fused.shape());
            float[] expected = x.toFloatArray();
            float[] actual = fused.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "logit " + i);
            }
            // An observed layer's output is still computed: a hook on the first pooling sees [3, 8, 13, 13].
            List<int[]> seen = new java.util.ArrayList<>();
            try (ForwardHook hook = model.get(1).addForwardHook(t -> seen.add(t.shape().toArray()))) {
                model.forward(input);
            }
            assertEquals(1, seen.size());
            assertEquals(List.of(3, 8, 13, 13), java.util.Arrays.stream(seen.get(0)).boxed().toList());
        }
    }

    @Test
    void aResidualBlockFoldsItsLastConvolutionWithTheAddAndTheActivation() {
        Layer.manualSeed(4);
        Residual block = new Residual(List.of(conv(4, 6, 3, 2, false), new BatchNorm2d(6), new Relu(),
                conv(6, 6, 3, 1, false), new BatchNorm2d(6)),
                new Sequential(conv(4, 6, 1, 2, false), new BatchNorm2d(6)), ActivationFunction.RELU);
        settle(block, 3, 4, 8, 8);

        assertFoldedEqualsUnfolded(block, Tensor.uniform(new Generator(2), -1f, 1f, 3, 4, 8, 8));
    }

    @Test
    void aResNetGivesTheSameLogitsFoldedAsLayerByLayer() {
        Layer.manualSeed(5);
        Sequential resnet = Zoo.create("resnet18", ZooOptions.of(10).forSmallImages());
        settle(resnet, 2, 3, 16, 16);

        assertFoldedEqualsUnfolded(resnet, Tensor.uniform(new Generator(3), 0f, 1f, 2, 3, 16, 16));
    }

    @Test
    void batchNormInTrainingModeIsNotFolded() {
        Layer.manualSeed(6);
        BatchNorm2d norm = new BatchNorm2d(5);
        Sequential model = new Sequential(conv(2, 5, 3, 1, true), norm);
        Tensor x = Tensor.uniform(new Generator(4), -1f, 1f, 4, 2, 6, 6);
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor y = model.forward(x);
            // Batch statistics: every channel of the output has mean 0.
            Tensor means = y.mean(new int[] {0, 2, 3}, false);
            for (float mean : means.toFloatArray()) {
                assertEquals(0f, mean, 1e-5f);
            }
        }
        assertEquals(1f, norm.numBatchesTracked().item(), "the running statistics moved once");
    }

    @Test
    void aBlockWhoseShortcutDoesNotFitStillSaysSo() {
        Layer.manualSeed(7);
        Residual block = new Residual(List.of(conv(4, 6, 3, 2, false), new BatchNorm2d(6)), null,
                ActivationFunction.RELU);
        block.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> block.forward(Tensor.zeros(1, 4, 8, 8)));
            assertTrue(e.getMessage().contains("the identity shortcut"), e.getMessage());
        }
    }
}
