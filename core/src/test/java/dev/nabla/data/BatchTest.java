package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static Map<String, Tensor> twoInputs() {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("tokens", Tensor.zeros(2, 5));
        inputs.put("position", Tensor.ones(2, 1));
        return inputs;
    }

    @Test
    void oneFeaturesTensorIsTheOnlyInputUnderTheFeaturesName() {
        Tensor x = Tensor.ones(3, 4);
        Batch batch = new Batch(x, Tensor.zeros(3));
        assertSame(x, batch.features());
        assertEquals(List.of(Batch.FEATURES), List.copyOf(batch.inputs().keySet()));
        assertNull(batch.weights());
        assertNull(batch.mask());
        assertEquals(3, batch.size());
    }

    @Test
    void namedInputsKeepTheirOrderAndAMaskTravelsWithThem() {
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, 2, 5);
        Batch batch = new Batch(twoInputs(), Tensor.zeros(2), null, mask).withWeights(Tensor.of(0.5f, 2f));
        assertEquals(List.of("tokens", "position"), List.copyOf(batch.inputs().keySet()));
        assertEquals("[2, 1]", batch.input("position").shape().toString());
        assertSame(mask, batch.mask());
        assertArrayEquals(new float[] {0.5f, 2f}, batch.weights().toFloatArray());
        assertEquals(2, batch.size());
    }

    @Test
    void severalInputsHaveNoSingleFeaturesAndMismatchedSizesAreNamed() {
        Batch batch = new Batch(twoInputs(), Tensor.zeros(2), null, null);
        assertEquals("Batch: it has several inputs [tokens, position]; take one with input(name), or all with inputs()",
                assertThrows(IllegalStateException.class, batch::features).getMessage());
        assertEquals("Batch: no input named 'words'; it has [tokens, position]",
                assertThrows(IllegalArgumentException.class, () -> batch.input("words")).getMessage());
        assertEquals("Batch: the mask (shape [3, 5]) should have 2 examples along the first axis, as the inputs have",
                assertThrows(IllegalArgumentException.class, () -> batch.withMask(Tensor.ones(3, 5))).getMessage());
        Map<String, Tensor> uneven = twoInputs();
        uneven.put("position", Tensor.ones(4, 1));
        assertEquals("Batch: input 'position' (shape [4, 1]) should have 2 examples along the first axis, as the"
                + " inputs have", assertThrows(IllegalArgumentException.class,
                () -> new Batch(uneven, Tensor.zeros(2), null, null)).getMessage());
    }

    @Test
    void theDefaultBatchStacksNamedInputsAndMasksOfExamples() {
        Dataset sequences = new Dataset() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public Example get(int index) {
                float[] mask = new float[4];
                for (int t = 0; t <= index; t++) {
                    mask[t] = 1f;
                }
                return new Example(Map.of("tokens", Tensor.full(index, 4)), Tensor.of((float) index),
                        Tensor.of(mask));
            }
        };
        Batch batch = sequences.batch(2, 0);
        assertEquals("[2, 4]", batch.input("tokens").shape().toString());
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 0, 0, 0}, batch.mask().toFloatArray());
        assertArrayEquals(new float[] {2, 0}, batch.targets().toFloatArray());
    }

    @Test
    void aNamedTensorDatasetGathersEveryInputAndTheMaskByRow() {
        Tensor mask = Tensor.of(new float[] {1, 0, 1, 1, 0, 0}, 3, 2);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("a", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2));
        inputs.put("b", Tensor.of(10f, 11f, 12f));
        NamedTensorDataset data = new NamedTensorDataset(inputs, Tensor.of(7f, 8f, 9f), mask);
        Batch batch = new WeightedDataset(data, Tensor.of(1f, 2f, 3f)).batch(2, 1);
        assertArrayEquals(new float[] {4, 5, 2, 3}, batch.input("a").toFloatArray());
        assertArrayEquals(new float[] {12, 11}, batch.input("b").toFloatArray());
        assertArrayEquals(new float[] {0, 0, 1, 1}, batch.mask().toFloatArray());
        assertArrayEquals(new float[] {3, 2}, batch.weights().toFloatArray(), "weights keep inputs and mask");
        Example second = data.get(1);
        assertEquals(List.of("a", "b"), List.copyOf(second.inputs().keySet()));
        assertArrayEquals(new float[] {1, 1}, second.mask().toFloatArray());
        assertEquals("NamedTensorDataset: index 3 is out of range for 3 examples",
                assertThrows(IndexOutOfBoundsException.class, () -> data.batch(3)).getMessage());
    }
}
