package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.init.Initializers;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenseTest {

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(() -> new Dense(3), new int[] {4, 5}, new int[] {4, 3});
        LayerContract.check(() -> new Dense(Dense.Config.of(3).inFeatures(5).useBias(false)), new int[] {2, 4, 5},
                new int[] {2, 4, 3});
    }

    @Test
    void computesInputTimesWeightTransposedPlusBias() {
        Dense dense = Dense.linear(2, 3);
        dense.loadStateDict(java.util.Map.of(
                "weight", Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}),
                "bias", Tensor.of(0.5f, 0f, -1f)), true);
        Tensor y = dense.forward(Tensor.of(new float[][] {{2, 3}}));
        assertTrue(y.allClose(Tensor.of(new float[][] {{2.5f, 3f, 4f}})), y.toString());
    }

    @Test
    void defaultInitialisationIsPyTorchsUniformBound() {
        Dense dense = Dense.linear(100, 50).seed(3);
        float bound = 1f / (float) Math.sqrt(100);
        for (float w : dense.weight().value().toFloatArray()) {
            assertTrue(Math.abs(w) <= bound, "weight " + w + " beyond ±" + bound);
        }
        assertTrue(dense.weight().value().abs().max().item() > 0.9f * bound);
    }

    @Test
    void initializersCanBeChosen() {
        Dense dense = Dense.linear(4, 3).weightInitializer(Initializers.ones()).biasInitializer(Initializers.zeros());
        assertEquals(12f, dense.weight().value().sum().item());
        assertEquals(0f, dense.bias().value().abs().sum().item());
    }

    @Test
    void anActivationGivesWhatTheActivationLayerAfterwardsGives() {
        for (ActivationFunction activation : ActivationFunction.values()) {
            Layer.manualSeed(4);
            Dense fused = new Dense(Dense.Config.of(5).inFeatures(6).activation(activation));
            Layer.manualSeed(4);
            Dense plain = Dense.linear(6, 5);
            Tensor x = Tensor.uniform(new Generator(2), -2f, 2f, 3, 6);
            Tensor expected = activation.apply(plain.forward(x));
            Tensor actual = fused.forward(x);
            assertTrue(actual.allClose(expected, 1e-6f, 1e-7f), activation + ": " + actual + " vs " + expected);
            expected.sum().backward();
            actual.sum().backward();
            assertTrue(fused.weight().grad().allClose(plain.weight().grad(), 1e-5f, 1e-6f), activation + " weight");
            assertTrue(fused.bias().grad().allClose(plain.bias().grad(), 1e-5f, 1e-6f), activation + " bias");
        }
    }

    @Test
    void withAnActivationMeetsTheLayerContract() {
        LayerContract.check(() -> new Dense(3, ActivationFunction.TANH), new int[] {4, 5}, new int[] {4, 3});
        LayerContract.check(() -> new Dense(Dense.Config.of(3).inFeatures(5).useBias(false)
                .activation(ActivationFunction.SIGMOID)), new int[] {2, 4, 5},
                new int[] {2, 4, 3});
        assertEquals(ActivationFunction.LINEAR, new Dense(3).activation());
        assertTrue(new Dense(Dense.Config.of(3).inFeatures(2).activation(ActivationFunction.RELU)).toString()
                .contains("activation=relu"));
    }

    @Test
    void aWrongInputSizeGivesTheFixInJavaAndInAnExperimentFile() {
        var e = assertThrows(AdvisedException.class, () -> Dense.linear(5, 10).forward(Tensor.zeros(1, 64)));

        assertEquals("Dense: expected input of shape [..., 5], got [1, 64]; the input has 64 features: give this layer"
                + " 64 inputs, or write new Dense(10) to take the size from the data", e.getMessage());
        assertEquals("expected input of shape [..., 5], got [1, 64]; the input has 64 features: give in_features: 64,"
                + " or leave in_features out, as in {type: dense, units: 10}, to take the size from the data",
                e.fileMessage());
    }

    @Test
    void matchesPyTorchsLinear() {
        TorchFixture.load("layers", "dense").assertLayer(Dense.linear(5, 3));
        TorchFixture.load("layers", "dense_no_bias").assertLayer(new Dense(Dense.Config.of(3).inFeatures(5)
                .useBias(false)));
        TorchFixture.load("layers", "dense_3d").assertLayer(new Dense(6));
    }
}
