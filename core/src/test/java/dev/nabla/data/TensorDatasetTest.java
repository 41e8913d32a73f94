package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {

    /** Example i: features [i, i + 0.5] and target i. */
    static TensorDataset numbered(int size) {
        float[] features = new float[2 * size];
        for (int i = 0; i < size; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = i + 0.5f;
        }
        return new TensorDataset(Tensor.of(features, size, 2), Tensor.arange(size));
    }

    @Test
    void anExampleIsOneRowOfEachTensor() {
        Example example = numbered(4).get(2);

        assertArrayEquals(new float[] {2, 2.5f}, example.features().toFloatArray());
        assertEquals(0, example.target().rank());
        assertEquals(2f, example.target().item());
        assertEquals(DType.INT32, example.target().dtype());
    }

    @Test
    void aBatchGathersTheRowsInTheOrderGiven() {
        Batch batch = numbered(5).batch(3, 1);

        assertArrayEquals(new float[] {3, 3.5f, 1, 1.5f}, batch.features().toFloatArray());
        assertArrayEquals(new float[] {3, 1}, batch.targets().toFloatArray());
        assertEquals(DType.INT32, batch.targets().dtype());
    }

    @Test
    void theBatchEqualsStackingExamples() {
        TensorDataset dataset = numbered(6);
        Dataset stacking = new Dataset() {
            @Override
            public int size() {
                return dataset.size();
            }

            @Override
            public Example get(int index) {
                return dataset.get(index);
            }
        };
        int[] indices = {5, 0, 3, 3};

        Batch stacked = stacking.batch(indices);
        Batch gathered = dataset.batch(indices);
        assertArrayEquals(stacked.features().toFloatArray(), gathered.features().toFloatArray());
        assertArrayEquals(stacked.targets().toFloatArray(), gathered.targets().toFloatArray());
    }

    @Test
    void featuresAndTargetsMustCountTheSameExamples() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(100, 4), Tensor.zeros(99)));
        assertEquals("TensorDataset: features have 100 examples (shape [100, 4]) but targets have 99 (shape [99]);"
                + " both need the same first dimension", error.getMessage());
    }

    @Test
    void scalarsAreRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.scalar(1), Tensor.zeros(1)));
        assertEquals("TensorDataset: features (shape []) and targets (shape [1]) need a first axis that counts"
                + " the examples", error.getMessage());
    }

    @Test
    void anIndexOutOfRangeNamesTheSize() {
        var error = assertThrows(IndexOutOfBoundsException.class, () -> numbered(3).get(3));
        assertEquals("TensorDataset: index 3 is out of range for 3 examples", error.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> numbered(3).batch(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> numbered(3).subset(5));
    }

    @Test
    void theDataIsTakenOutOfTheGraph() {
        Tensor features = Tensor.ones(3, 2).requiresGrad(true);
        TensorDataset dataset = new TensorDataset(features, Tensor.arange(3));

        assertFalse(dataset.features().requiresGrad());
        assertFalse(dataset.batch(0, 1).features().requiresGrad());
    }

    @Test
    void subsetAndSliceSelectExamples() {
        TensorDataset dataset = numbered(6);

        TensorDataset subset = dataset.subset(4, 0);
        assertEquals(2, subset.size());
        assertArrayEquals(new float[] {4, 0}, subset.targets().toFloatArray());

        TensorDataset slice = dataset.slice(2, 5);
        assertArrayEquals(new float[] {2, 3, 4}, slice.targets().toFloatArray());
        assertArrayEquals(new float[] {3, 3.5f}, slice.get(1).features().toFloatArray());
        assertEquals(0, dataset.slice(6, 6).size());

        var error = assertThrows(IndexOutOfBoundsException.class, () -> dataset.slice(4, 7));
        assertEquals("TensorDataset.slice: [4, 7) is not a range within the 6 examples", error.getMessage());
    }

    @Test
    void splitPartitionsTheExamplesReproducibly() {
        TensorDataset dataset = numbered(10);

        Split split = dataset.split(0.7, new Generator(3));

        assertEquals(7, split.train().size());
        assertEquals(3, split.test().size());
        float[] all = concat(split.train().targets().toFloatArray(), split.test().targets().toFloatArray());
        Arrays.sort(all);
        assertArrayEquals(toFloats(IntStream.range(0, 10).toArray()), all);
        for (int i = 0; i < split.train().size(); i++) {
            Example example = split.train().get(i);
            assertEquals(example.target().item() + 0.5f, example.features().get(1));
        }
        Split again = dataset.split(0.7, new Generator(3));
        assertArrayEquals(split.train().targets().toFloatArray(), again.train().targets().toFloatArray());
        Split other = dataset.split(0.7, new Generator(4));
        assertNotEquals(Arrays.toString(split.train().targets().toFloatArray()),
                Arrays.toString(other.train().targets().toFloatArray()));
    }

    @Test
    void splitAcceptsTheEndsAndRefusesAPercentage() {
        TensorDataset dataset = numbered(4);

        assertEquals(0, dataset.split(0, new Generator(0)).train().size());
        assertEquals(4, dataset.split(1, new Generator(0)).train().size());
        var error = assertThrows(IllegalArgumentException.class, () -> dataset.split(80, new Generator(0)));
        assertEquals("TensorDataset.split: the training fraction must be in [0, 1], got 80.0", error.getMessage());
    }

    @Test
    void toStringSummarises() {
        assertEquals("TensorDataset(3 examples, features [3, 2] FLOAT32, targets [3] INT32)", numbered(3).toString());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
