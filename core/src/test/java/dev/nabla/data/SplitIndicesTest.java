package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SplitIndicesTest {

    @Test
    void itsPartsAreViewsOfTheDataSet() {
        TensorDataset data = TensorDatasetTest.numbered(6);
        SplitIndices split = new SplitIndices(new int[] {0, 2, 5}, new int[] {1}, new int[] {3, 4});

        assertArrayEquals(new float[] {0, 2, 5}, split.train(data).batch(0, 1, 2).targets().toFloatArray());
        assertArrayEquals(new float[] {1}, split.validation(data).batch(0).targets().toFloatArray());
        assertArrayEquals(new float[] {3, 4}, split.test(data).batch(0, 1).targets().toFloatArray());
        assertEquals(3, split.train(data).size());
    }
}
