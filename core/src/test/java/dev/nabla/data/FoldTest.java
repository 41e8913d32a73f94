package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FoldTest {

    @Test
    void itsPartsAreViewsOfTheDataSet() {
        TensorDataset data = TensorDatasetTest.numbered(5);
        Fold fold = new Fold(0, new int[] {1, 3, 4}, new int[] {0, 2});

        assertArrayEquals(new float[] {1, 3, 4}, fold.train(data).batch(0, 1, 2).targets().toFloatArray());
        assertArrayEquals(new float[] {0, 2}, fold.validation(data).batch(0, 1).targets().toFloatArray());
    }
}
