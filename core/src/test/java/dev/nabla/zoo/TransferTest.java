package dev.nabla.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.FitOptions;
import dev.nabla.train.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Freezing, cutting, new heads, features and parameter groups on zoo models. */
class TransferTest {

    private static final ZooOptions GREY = ZooOptions.of(10).inChannels(1).forSmallImages();

    @Test
    void frozenWeightsAndBatchNormStatisticsStayBitwiseUnchangedOverATrainingRun() {
        Layer.manualSeed(3);
        Sequential resnet = Zoo.resnet18(GREY);
        Transfer.freezeUpTo(resnet, "layer3");
        Map<String, float[]> before = snapshot(resnet);
        Tensor x = Tensor.randn(new Generator(5), 16, 1, 8, 8);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5}, 16);
        Model model = new Model(resnet).compile(parameters -> new Adam(parameters, 0.01f),
                new SparseCategoricalCrossEntropy().fromLogits(true));
        model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(4).shuffle(true, 1));
        Map<String, float[]> after = snapshot(resnet);
        before.forEach((key, values) -> {
            boolean frozen = !key.startsWith("layer4.") && !key.startsWith("fc.");
            if (frozen) {
                assertArrayEquals(values, after.get(key), key + " is frozen");
            } else if (key.endsWith("weight") || key.endsWith("running_mean")) {
                assertFalse(java.util.Arrays.equals(values, after.get(key)), key + " trains");
            }
        });
    }

    @Test
    void aNewHeadAfterANamedLayerKeepsTheBodyAndItsNames() {
        Sequential resnet = Zoo.resnet18(GREY);
        Sequential model = Transfer.withHead(resnet, "flatten", Dense.linear(512, 3).named("fc"));
        assertSame(resnet.children().get("layer4"), model.children().get("layer4"));
        assertEquals(List.of(3, 512), List.of(model.stateDict().get("fc.weight").shape().dim(0),
                model.stateDict().get("fc.weight").shape().dim(1)));
        model.eval();
        assertArrayEquals(new int[] {2, 3}, model.forward(Tensor.zeros(2, 1, 16, 16)).shape().toArray());
        assertArrayEquals(new int[] {2, 128, 8, 8},
                Transfer.features(model, "layer2", Tensor.zeros(2, 1, 16, 16)).shape().toArray());
        Sequential body = Transfer.upTo(Zoo.lenet5(GREY), "pool2");
        assertEquals(List.of("conv1", "relu1", "pool1", "conv2", "relu2", "pool2"), List.copyOf(body.children().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transfer.upTo(resnet, "layer5"));
        assertTrue(e.getMessage().contains("no layer named 'layer5'"), e.getMessage());
        assertTrue(e.getMessage().contains("layer4"), e.getMessage());
    }

    @Test
    void aGraphIsCutAtANamedLayerAndGivenANewHead() {
        GraphNode image = GraphNode.input("image", 1, 8, 8);
        GraphNode features = new GlobalAvgPool().named("pool").apply(new Conv2d(4, 3).named("conv").apply(image));
        Graph graph = new Graph(image, new Dense(10).named("head").apply(features));
        Graph body = Transfer.upTo(graph, "pool");
        assertArrayEquals(new int[] {2, 4}, body.forward(Tensor.zeros(2, 1, 8, 8)).shape().toArray());
        Graph replaced = Transfer.withHead(graph, "pool", new Dense(2).named("new_head"));
        assertArrayEquals(new int[] {2, 2}, replaced.forward(Tensor.zeros(2, 1, 8, 8)).shape().toArray());
        assertEquals(List.of("conv", "pool", "new_head"), List.copyOf(replaced.children().keySet()));
    }

    @Test
    void layersAreFoundByDottedNamesAndGroupedForTheirOwnLearningRates() {
        Sequential resnet = Zoo.resnet18(GREY);
        assertTrue(Transfer.layer(resnet, "layer4.1.conv2") instanceof Conv2d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transfer.layer(resnet, "layer4.2.conv2"));
        assertTrue(e.getMessage().contains("has no child '2'; its children are [0, 1]"), e.getMessage());
        Sequential small = Transfer.withHead(resnet, "flatten", new Flatten(), Dense.linear(512, 2).named("head"));
        Adam adam = new Adam(0.01f, Transfer.group(small, "layer4").learningRate(0f), Transfer.group(small, "head"));
        Map<String, float[]> before = snapshot(small);
        Tensor x = Tensor.randn(new Generator(1), 4, 1, 8, 8);
        Tensor loss = new SparseCategoricalCrossEntropy().fromLogits(true).apply(small.forward(x),
                Tensor.of(new float[] {0, 1, 0, 1}, 4));
        loss.backward();
        adam.step();
        Map<String, float[]> after = snapshot(small);
        assertArrayEquals(before.get("layer4.0.conv1.weight"), after.get("layer4.0.conv1.weight"));
        assertFalse(java.util.Arrays.equals(before.get("head.weight"), after.get("head.weight")));
    }

    @Test
    void theSummaryMarksFrozenLayersAndCountsTrainableParameters() {
        Sequential lenet = Zoo.lenet5(GREY);
        Transfer.freeze(lenet, "conv1", "conv2");
        String summary = lenet.summary(1, 28, 28);
        assertTrue(summary.contains("conv1 (Conv2d) [frozen]"), summary);
        assertTrue(summary.contains("fc1 (Dense) ") && !summary.contains("fc1 (Dense) ["), summary);
        assertTrue(summary.contains("Trainable params: 59,134"), summary);
        Sequential resnet = Zoo.resnet18(GREY);
        Transfer.freeze(resnet, "layer4.1");
        assertTrue(resnet.summary(1, 8, 8).contains("layer4 (Sequential) [partly frozen]"));
        Transfer.unfreeze(resnet, "layer4");
        assertEquals(resnet.parameterCount(), resnet.trainableParameterCount());
    }

    static Map<String, float[]> snapshot(Layer model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.stateDict().forEach((key, tensor) -> out.put(key, tensor.toFloatArray()));
        return out;
    }
}
