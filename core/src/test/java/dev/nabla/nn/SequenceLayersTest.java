package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recurrent layers' contract, the cells, the wrappers and masking. */
class SequenceLayersTest {

    private static Tensor sequences(long seed, int... shape) {
        return Tensor.uniform(new Generator(seed), -1f, 1f, shape);
    }

    @Test
    void recurrentLayersMeetTheLayerContract() {
        LayerContract.check(() -> new Lstm(3), new int[] {2, 4, 3}, new int[] {2, 3});
        LayerContract.check(() -> new Gru(3).returnSequences(true), new int[] {2, 4, 3}, new int[] {2, 4, 3});
        LayerContract.check(() -> new SimpleRnn(3).numLayers(2).bidirectional(true), new int[] {2, 4, 3},
                new int[] {2, 6});
        LayerContract.check(() -> new Bidirectional(new Lstm(2).returnSequences(true), "mul"), new int[] {2, 3, 3},
                new int[] {2, 3, 2});
        LayerContract.check(() -> new TimeDistributed(new Dense(2)), new int[] {2, 3, 4}, new int[] {2, 3, 2});
        LayerContract.check(Masking::new, new int[] {2, 3, 4}, new int[] {2, 3, 4});
    }

    @Test
    void cellsMeetTheLayerContractAndStepAsTheLayersDo() {
        LayerContract.check(() -> new LstmCell(3), new int[] {2, 4}, new int[] {2, 3});
        LayerContract.check(() -> new GruCell(3), new int[] {2, 4}, new int[] {2, 3});
        LayerContract.check(() -> new SimpleRnnCell(3, "relu", false), new int[] {2, 4}, new int[] {2, 3});
        Tensor x = sequences(1, 2, 5, 4);
        List<RecurrentCell> cells = List.of(new LstmCell(3), new GruCell(3), new SimpleRnnCell(3));
        List<RecurrentLayer> layers = List.of(new Lstm(3), new Gru(3), new SimpleRnn(3));
        for (int i = 0; i < cells.size(); i++) {
            RecurrentLayer layer = layers.get(i);
            Tensor expected = layer.forward(x);
            RecurrentCell cell = cells.get(i);
            cell.build(2, 4);
            Map<String, Tensor> weights = new LinkedHashMap<>();
            layer.stateDict().forEach((name, value) -> weights.put(name.replace("_l0", ""), value));
            cell.loadStateDict(weights, true);
            List<Tensor> state = List.of();
            for (int t = 0; t < 5; t++) {
                List<Tensor> inputs = new java.util.ArrayList<>(List.of(x.slice(1, t, t + 1).squeeze(1)));
                inputs.addAll(state);
                state = cell.forwardAll(inputs);
            }
            assertArrayEquals(expected.toFloatArray(), state.get(0).toFloatArray(), 1e-6f, cell.toString());
        }
    }

    @Test
    void bidirectionalConcatIsPyTorchsBidirectionalLayerAndMergesOtherwise() {
        Tensor x = sequences(2, 3, 4, 2);
        Lstm pytorch = new Lstm(3).bidirectional(true).returnSequences(true);
        Tensor expected = pytorch.forward(x);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        pytorch.stateDict().forEach((name, value) -> weights.put(name.endsWith("_reverse")
                ? "backward_layer." + name.replace("_reverse", "") : "forward_layer." + name, value));
        for (String mode : List.of("concat", "sum", "mul", "ave")) {
            Bidirectional keras = new Bidirectional(new Lstm(3).returnSequences(true), mode);
            keras.build(3, 4, 2);
            keras.loadStateDict(weights, true);
            Tensor forward = expected.slice(2, 0, 3);
            Tensor backward = expected.slice(2, 3, 6);
            Tensor merged = switch (mode) {
                case "concat" -> expected;
                case "sum" -> forward.add(backward);
                case "mul" -> forward.mul(backward);
                default -> forward.add(backward).mul(0.5f);
            };
            assertTrue(keras.forward(x).allClose(merged, 1e-6f, 1e-7f), mode);
        }
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new Gru(2), "max"));
    }

    @Test
    void returnStateGivesTheFinalStatesInPyTorchsShapes() {
        Tensor x = sequences(3, 2, 4, 3);
        List<Tensor> one = new Lstm(5).returnState(true).forwardAll(List.of(x));
        assertEquals(List.of(Shape.of(2, 5), Shape.of(2, 5), Shape.of(2, 5)), one.stream().map(Tensor::shape).toList());
        assertArrayEquals(one.get(0).toFloatArray(), one.get(1).toFloatArray(), 0f);
        List<Tensor> stacked = new Gru(5).numLayers(2).bidirectional(true).returnState(true).forwardAll(List.of(x));
        assertEquals(List.of(Shape.of(2, 10), Shape.of(4, 2, 5)), stacked.stream().map(Tensor::shape).toList());
        List<Tensor> wrapped = new Bidirectional(new Lstm(5).returnState(true)).forwardAll(List.of(x));
        assertEquals(5, wrapped.size());
    }

    @Test
    void paddedStepsFromMaskingOrAnEmbeddingLeaveTheStateAsEachSequencesOwnLastStep() {
        Tensor tokens = Tensor.of(new float[] {3, 1, 4, 1, 5, 9, 2, 0, 0, 0}, 2, 5);
        Embedding embedding = new Embedding(10, 4).maskZero(true).seed(1);
        Lstm lstm = new Lstm(3).seed(2);
        Tensor last = lstm.forward(embedding.forward(tokens));
        Tensor alone = lstm.forward(embedding.forward(Tensor.of(new float[] {9, 2}, 1, 2)));
        assertArrayEquals(alone.toFloatArray(), last.slice(0, 1, 2).toFloatArray(), 1e-6f);
        assertNull(Masks.of(new Embedding(10, 4).forward(tokens)), "no mask without maskZero");

        Tensor padded = Tensor.concat(1, sequences(4, 2, 2, 3), Tensor.zeros(2, 3, 3));
        Sequential model = new Sequential(new Masking(), new Gru(4).seed(3));
        Tensor expected = ((Gru) model.get(1)).forward(padded.slice(1, 0, 2).contiguous());
        assertArrayEquals(expected.toFloatArray(), model.forward(padded).toFloatArray(), 1e-6f);
        Tensor mask = Masks.of(new Masking().forward(padded));
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1, 1, 0, 0, 0}, mask.toFloatArray(), 0f);
    }

    @Test
    void summaryShowsTheOutputShapes() {
        Sequential model = new Sequential(new Lstm(8).returnSequences(true), new TimeDistributed(new Dense(2)),
                new Bidirectional(new Gru(3)));
        String summary = model.summary(6, 4);
        assertTrue(summary.contains("(None, 6, 8)") && summary.contains("(None, 6, 2)")
                && summary.contains("(None, 6)"), summary);
        assertTrue(summary.contains("lstm (Lstm)") && summary.contains("bidirectional (Bidirectional)"), summary);
    }
}
