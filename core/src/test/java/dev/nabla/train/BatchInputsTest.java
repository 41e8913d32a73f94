package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.NamedTensorDataset;
import dev.nabla.data.WeightedDataset;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchInputsTest {

    private static final Tensor LEFT = Tensor.uniform(new Generator(1), -1f, 1f, 64, 3);
    private static final Tensor RIGHT = Tensor.uniform(new Generator(2), -1f, 1f, 64, 2);
    /** y = sum(left) - 2 sum(right): both inputs matter, and swapping them would not fit. */
    private static final Tensor Y = LEFT.sum(1, true).sub(RIGHT.sum(1, true).mul(2f));

    /** Inputs named in the other order than the graph's, so that only the names can put them right. */
    private static NamedTensorDataset data() {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("right", RIGHT);
        inputs.put("left", LEFT);
        return new NamedTensorDataset(inputs, Y);
    }

    private static Model twoInputModel() {
        Layer.manualSeed(8);
        GraphNode left = GraphNode.input("left", 3);
        GraphNode right = GraphNode.input("right", 2);
        Graph network = new Graph(List.of(left, right), List.of(new Dense(1).apply(new Concatenate().apply(left,
                right))));
        return new Model(network).compile(new Adam(network.trainableParameters(), 0.05f), new MeanSquaredError());
    }

    @Test
    void aTwoInputGraphTrainsOnADatasetOfNamedInputsInTheGraphsOrder() {
        Model model = twoInputModel();
        History history = model.fit(data(), FitOptions.defaults().epochs(40).batchSize(16).verbose(false));
        assertTrue(history.last("loss") < 0.01 * history.get("loss").get(0), "loss " + history.get("loss"));
        assertTrue(model.evaluate(data(), 64).get("loss") < 0.01, "evaluate feeds named inputs too");
        float[] weights = model.network().trainableParameters().get(0).value().toFloatArray();
        assertArrayEquals(new float[] {1, 1, 1, -2, -2}, weights, 0.1f);
    }

    @Test
    void sampleWeightsKeepWorkingWithNamedInputs() {
        Model model = twoInputModel();
        Map<String, Tensor> before = snapshot(model.network());
        model.fit(new WeightedDataset(data(), Tensor.zeros(64)), FitOptions.defaults().epochs(2).verbose(false));
        snapshot(model.network()).forEach((key, value) -> assertArrayEquals(before.get(key).toFloatArray(),
                value.toFloatArray(), key + ": zero weights give zero losses, so Adam moves nothing"));
        model.fit(new WeightedDataset(data(), Tensor.ones(64)), FitOptions.defaults().epochs(1).verbose(false));
        assertTrue(!Arrays.equals(before.get("dense.weight").toFloatArray(),
                model.network().stateDict().get("dense.weight").toFloatArray()), "weights of one train");
    }

    private static Map<String, Tensor> snapshot(Layer network) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        network.stateDict().forEach((key, value) -> copy.put(key, Tensor.of(value.toFloatArray(), value.shape()
                .toArray())));
        return copy;
    }

    @Test
    void inputsThatDoNotMatchTheGraphsNamesAreNamed() {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("left", LEFT);
        inputs.put("other", RIGHT);
        var e = assertThrows(IllegalArgumentException.class, () -> twoInputModel().fit(
                new NamedTensorDataset(inputs, Y), FitOptions.defaults().epochs(1).verbose(false)));
        assertEquals("Graph: the graph takes inputs [left, right] but the batch has [left, other]; missing [right];"
                + " unexpected [other]; name the data set's inputs as the graph's GraphNode.input names",
                        e.getMessage());
    }

    /** Sequences of 4 steps, padded: example i has i % 4 + 1 real steps. */
    private static final class MaskedModel extends Model {
        final List<Tensor> masks = new ArrayList<>();

        MaskedModel(Layer network) {
            super(network);
        }

        @Override
        protected Map<String, Double> trainStep(Batch batch) {
            masks.add(batch.mask());
            network().train();
            Tensor error = network().forward(batch.features()).sub(batch.targets()).mul(batch.mask());
            Tensor loss = error.mul(error).sum().div(batch.mask().sum());   // the mean over real steps only
            loss.backward();
            applyGradients();
            return Map.of("loss", (double) loss.item());
        }
    }

    @Test
    void aMaskTravelsFromTheDatasetToACustomTrainStep() {
        float[] mask = new float[8 * 4];
        for (int i = 0; i < 8; i++) {
            for (int t = 0; t <= i % 4; t++) {
                mask[i * 4 + t] = 1f;
            }
        }
        Tensor masks = Tensor.of(mask, 8, 4);
        Tensor x = Tensor.uniform(new Generator(3), -1f, 1f, 8, 4);
        Layer.manualSeed(2);
        Dense network = Dense.linear(4, 4);
        MaskedModel model = new MaskedModel(network);
        model.compile(new Adam(network.trainableParameters()), new MeanSquaredError());
        model.fit(new NamedTensorDataset(Map.of(Batch.FEATURES, x), x, masks),
                FitOptions.defaults().epochs(2).batchSize(4).shuffle(false, 0).verbose(false));
        assertEquals(4, model.masks.size());
        assertArrayEquals(masks.slice(0, 0, 4).toFloatArray(), model.masks.get(0).toFloatArray());
        assertArrayEquals(masks.slice(0, 4, 8).toFloatArray(), model.masks.get(3).toFloatArray());
        assertEquals(4, model.globalStep());
    }
}
