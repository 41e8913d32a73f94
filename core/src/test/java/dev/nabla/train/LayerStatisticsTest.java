package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.data.TensorDataset;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerStatisticsTest {

    private static Sequential network() {
        Layer.manualSeed(4);
        return new Sequential(new Flatten(), new Dense(32), new Relu(), new Dense(10), new Softmax());
    }

    @Test
    void everyLayerHasItsStatisticsAtTheDueUpdates() {
        TensorDataset digits = Digits.load().slice(0, 320);   // 10 batches of 32
        Sequential network = network();
        List<Long> steps = new ArrayList<>();
        LayerStatistics statistics = new LayerStatistics().frequency(5).onStatistics((step, values) -> steps.add(step));
        new Model(network).compile("adam", "sparse_categorical_crossentropy")
                .fit(digits, FitOptions.defaults().epochs(1).verbose(false).callbacks(statistics));
        assertEquals(List.of(1L, 5L, 10L), steps);
        Map<String, LayerStatistics.Values> latest = statistics.latest();
        assertEquals(List.of("0", "1", "2", "3", "4"), List.copyOf(latest.keySet()));
        LayerStatistics.Values dense = latest.get("1");
        Tensor weight = network.namedParameters().get("1.weight").value();
        Tensor bias = network.namedParameters().get("1.bias").value();
        double squares = weight.mul(weight).sum().item() + bias.mul(bias).sum().item();
        assertEquals(Math.sqrt(squares), dense.weightNorm(), 1e-4);
        assertTrue(dense.gradientNorm() > 0 && dense.updateRatio() > 0 && dense.updateRatio() < 0.1, dense.toString());
        assertTrue(Double.isNaN(dense.deadFraction()), "a linear Dense has no dead units to count");
        LayerStatistics.Values relu = latest.get("2");
        assertTrue(relu.deadFraction() >= 0 && relu.deadFraction() <= 1 && relu.activationMean() >= 0, relu.toString());
        assertTrue(Double.isNaN(relu.gradientNorm()), "a ReLU has no parameters");
        assertTrue(statistics.table().lines().anyMatch(line -> line.startsWith("2 ")), statistics.table());
    }

    @Test
    void activationStatisticsCountAChannelDeadWhenNoSampleActivatesIt() {
        double[] alive = LayerStatistics.activationStatistics(Tensor.of(new float[] {0, 0, 1, 3}, 2, 2), true);
        assertEquals(1.0, alive[0], 1e-9);
        assertEquals(Math.sqrt(1.5), alive[1], 1e-9);
        assertEquals(0.0, alive[2]);
        // [batch 2, channels 2, 1x2]: channel 0 is zero for both samples.
        double[] halfDead = LayerStatistics.activationStatistics(
                Tensor.of(new float[] {0, 0, 2, 0, 0, 0, 0, 1}, 2, 2, 1, 2), true);
        assertEquals(0.5, halfDead[2]);
        assertEquals("block.conv", LayerStatistics.owner("block.conv.weight"));
    }

    @Test
    void aLearningRateThatMakesTheLossRiseIsWarnedOfOnce() {
        TensorDataset digits = Digits.load().slice(0, 640);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LayerStatistics statistics = new LayerStatistics()
                .warningsTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        new Model(network()).compile(parameters -> new Sgd(parameters, 20f), new SparseCategoricalCrossEntropy())
                .fit(digits, FitOptions.defaults().epochs(3).verbose(false).callbacks(statistics));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().filter(line -> line.contains("learning rate 20.0 is likely too high")).count(),
                text);
        assertTrue(text.contains("WARNING: the training loss"), text);
    }

    @Test
    void explodingAndVanishingGradientsNameTheLayerOnce() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingWarnings warnings = new LayerStatistics().warningsTo(new PrintStream(printed, true,
                StandardCharsets.UTF_8)).warnings().explodingAbove(100).vanishingBelow(1e-6);
        Map<String, LayerStatistics.Values> values = Map.of(
                "conv1", new LayerStatistics.Values(0, 1, 0, 5e3, 1, 1e-3),
                "head", new LayerStatistics.Values(0, 1, Double.NaN, 1e-9, 1, 0));
        warnings.checkGradients(values, 40);
        warnings.checkGradients(values, 50);
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().sorted().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WARNING: exploding gradients in layer 'conv1': gradient norm 5.00e+03"
                + " at update 40 (above 100)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("WARNING: vanishing gradients in layer 'head': gradient norm 1.00e-09"
                + " at update 40"), lines.get(1));
        assertEquals(2, warnings.printed().size());
    }
}
