package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link SimpleRnn}, {@link Lstm} and {@link Gru} against PyTorch's {@code nn.RNN}, {@code nn.LSTM}
 * and {@code nn.GRU} on the same weights (fixtures/generate_recurrent.py): one and two layers,
 * bidirectional, initial states, and padded batches with lengths (PyTorch's packed sequences),
 * comparing the output sequence, the final states and every gradient.
 */
class RecurrentLayerTest {

    @TestFactory
    List<DynamicTest> matchesPyTorchOnTheSameWeights() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String cell : List.of("rnn_tanh", "rnn_relu", "lstm", "gru")) {
            for (TorchFixture fixture : TorchFixture.cases("recurrent", cell + "/")) {
                tests.add(DynamicTest.dynamicTest(fixture.name(), () -> check(fixture)));
            }
        }
        return tests;
    }

    static RecurrentLayer layerFor(String cell, int hidden) {
        return switch (cell) {
            case "lstm" -> new Lstm(hidden);
            case "gru" -> new Gru(hidden);
            default -> new SimpleRnn(hidden, cell.substring(4));
        };
    }

    private static void check(TorchFixture fixture) {
        String cell = fixture.option("cell");
        int layers = Integer.parseInt(fixture.option("num_layers"));
        RecurrentLayer layer = layerFor(cell, Integer.parseInt(fixture.option("hidden")))
                .numLayers(layers).bidirectional(fixture.flag("bidirectional")).returnSequences(true).returnState(true);
        Tensor x = fixture.leaf("input");
        layer.build(x.shape().toArray());
        assertTrue(layer.loadStateDict(fixture.stateDict("state"), true).isClean());
        if (fixture.has("lengths")) {
            float[] given = fixture.tensor("lengths").toFloatArray();
            int[] lengths = new int[given.length];
            for (int i = 0; i < given.length; i++) {
                lengths[i] = (int) given[i];
            }
            Masks.attach(x, Masks.fromLengths(lengths, x.dim(1)));
        }
        boolean single = layers == 1 && !fixture.flag("bidirectional");
        Tensor h0 = fixture.leaf("h0");
        List<Tensor> inputs = new ArrayList<>(List.of(x, single ? h0.squeeze(0) : h0));
        Tensor c0 = cell.equals("lstm") ? fixture.leaf("c0") : null;
        if (c0 != null) {
            inputs.add(single ? c0.squeeze(0) : c0);
        }
        List<Tensor> outputs = layer.forwardAll(inputs);
        List<String> names = c0 == null ? List.of("output", "h_n") : List.of("output", "h_n", "c_n");
        assertEquals(names.size(), outputs.size());
        Tensor loss = Tensor.scalar(0f);
        for (int i = 0; i < names.size(); i++) {
            Tensor expected = fixture.tensor(names.get(i));
            Tensor actual = outputs.get(i).reshape(expected.shape().toArray());
            fixture.assertForward(names.get(i), actual);
            loss = loss.add(actual.mul(fixture.tensor("grad_" + names.get(i))).sum());
        }
        loss.backward();
        fixture.assertGradient("grad_input", x.grad());
        fixture.assertGradient("grad_h0", h0.grad());
        if (c0 != null) {
            fixture.assertGradient("grad_c0", c0.grad());
        }
        layer.namedParameters().forEach((name, parameter) -> fixture.assertGradient("grad_" + name, parameter.grad()));
    }

    @Test
    void aPyTorchStateDictSavedAsSafetensorsLoads() throws Exception {
        TorchFixture fixture = TorchFixture.load("recurrent", "lstm_state_dict");
        Lstm lstm = new Lstm(6).returnSequences(true);
        lstm.build(1, 1, 4);
        var state = dev.nabla.io.Safetensors.read(TorchFixture.path("lstm_state_dict")).tensors();
        assertTrue(lstm.loadStateDict(state, true).isClean());
        fixture.assertForward("output", lstm.forward(fixture.tensor("input")));
    }

    @Test
    void theLastHiddenStateIsTheDefaultOutputAndBatchFirstIsOptional() {
        Lstm batchFirst = new Lstm(5).seed(3);
        Lstm timeFirst = new Lstm(5).batchFirst(false).seed(3);
        Tensor x = Tensor.uniform(new dev.nabla.tensor.Generator(1), -1f, 1f, 2, 7, 3);
        Tensor a = batchFirst.forward(x);
        Tensor b = timeFirst.forward(x.transpose(0, 1).contiguous());
        assertEquals(dev.nabla.tensor.Shape.of(2, 5), a.shape());
        assertTrue(a.allClose(b), a + " vs " + b);
    }

    @Test
    void wrongInputsAreExplained() {
        var rank = assertThrows(IllegalArgumentException.class, () -> new Gru(4).forward(Tensor.zeros(2, 3)));
        assertTrue(rank.getMessage().contains("[batch, time, features]"), rank.getMessage());
        Lstm lstm = new Lstm(4);
        lstm.forward(Tensor.zeros(2, 3, 5));
        var state = assertThrows(IllegalArgumentException.class,
                () -> lstm.forwardAll(List.of(Tensor.zeros(2, 3, 5), Tensor.zeros(3, 4))));
        assertTrue(state.getMessage().contains("initial state 1 must have shape [2, 4]"), state.getMessage());
        assertThrows(IllegalStateException.class, () -> lstm.numLayers(2));
    }
}
