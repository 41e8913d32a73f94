package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Tanh;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradualUnfreezingTest {

    @Test
    void unfreezesOneStageEveryEpochsPerStageFromTheHeadDown() {
        Layer.manualSeed(2);
        Dense first = Dense.linear(3, 4);
        Dense second = Dense.linear(4, 4);
        Sequential network = new Sequential(first, new Tanh(), second, new Tanh(), Dense.linear(4, 1));
        first.setTrainable(false);
        second.setTrainable(false);
        List<float[]> firstAfterEachEpoch = new ArrayList<>();
        List<float[]> secondAfterEachEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                firstAfterEachEpoch.add(first.weight().value().toFloatArray());
                secondAfterEachEpoch.add(second.weight().value().toFloatArray());
            }
        };
        float[] firstAtStart = first.weight().value().toFloatArray();
        float[] secondAtStart = second.weight().value().toFloatArray();
        Tensor x = Tensor.randn(new Generator(3), 16, 3);
        Tensor y = x.sum(new int[] {1}, true);
        Model model = new Model(network).compile(parameters -> new Adam(parameters, 0.05f), new MeanSquaredError());
        model.fit(x, y, FitOptions.defaults().epochs(5).batchSize(8)
                .callbacks(new GradualUnfreezing(List.of(second, first), 2), recorder));
        assertArrayEquals(secondAtStart, secondAfterEachEpoch.get(1), "epochs 0 and 1 train the head only");
        assertFalse(Arrays.equals(secondAtStart, secondAfterEachEpoch.get(2)), "epoch 2 trains the second layer");
        assertArrayEquals(firstAtStart, firstAfterEachEpoch.get(3), "the first layer waits until epoch 4");
        assertFalse(Arrays.equals(firstAtStart, firstAfterEachEpoch.get(4)));
        assertEquals(network.parameterCount(), network.trainableParameterCount());
    }

    @Test
    void findsItsStagesByDottedNameAndFreezesThemWhenTrainingBegins() {
        Layer.manualSeed(4);
        Dense inner = Dense.linear(3, 4);
        Sequential network = new Sequential(new Sequential(inner.named("inner"), new Tanh()).named("body"),
                Dense.linear(4, 1).named("head"));
        float[] atStart = inner.weight().value().toFloatArray();
        List<float[]> afterEachEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                afterEachEpoch.add(inner.weight().value().toFloatArray());
            }
        };
        Tensor x = Tensor.randn(new Generator(5), 16, 3);
        Model model = new Model(network).compile("adam", "mse");
        GradualUnfreezing unfreezing = GradualUnfreezing.ofLayers(List.of("body.inner"), 1);
        model.fit(x, x.sum(new int[] {1}, true), FitOptions.defaults().epochs(2).batchSize(8).verbose(false)
                .callbacks(unfreezing, recorder));
        assertArrayEquals(atStart, afterEachEpoch.get(0), "epoch 0 trains the head only, though inner was trainable");
        assertFalse(Arrays.equals(atStart, afterEachEpoch.get(1)), "epoch 1 trains body.inner");
        assertEquals(List.of(inner), unfreezing.stages());
        assertEquals(List.of("body.inner"), unfreezing.paths());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(x,
                x.sum(new int[] {1}, true), FitOptions.defaults().epochs(1).verbose(false)
                .callbacks(GradualUnfreezing.ofLayers(List.of("body.outer"), 1))));
        assertEquals("GradualUnfreezing: Sequential: no layer 'body.outer': Sequential.body has no child 'outer'; its children are [inner, 1]",
                e.getMessage());
    }

    @Test
    void refusesNoStagesAndNonPositiveSpacing() {
        assertThrows(IllegalArgumentException.class, () -> new GradualUnfreezing(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new GradualUnfreezing(List.of(new Tanh()), 0));
        assertThrows(IllegalArgumentException.class, () -> GradualUnfreezing.ofLayers(List.of(), 1));
    }
}
