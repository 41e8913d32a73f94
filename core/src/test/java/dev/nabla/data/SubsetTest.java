package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SubsetTest {

    @Test
    void examplesAreTakenAtThePositionsGivenRepeatsIncluded() {
        TensorDataset data = TensorDatasetTest.numbered(6);
        Subset subset = new Subset(data, new int[] {4, 1, 4});

        assertEquals(3, subset.size());
        assertArrayEquals(new float[] {1, 1.5f}, subset.get(1).features().toFloatArray());
        assertArrayEquals(new float[] {4, 4, 1}, subset.batch(0, 2, 1).targets().toFloatArray());
        assertSame(data, subset.dataset());
        assertArrayEquals(new int[] {4, 1, 4}, subset.indices());
    }

    @Test
    void theWeightsOfAWeightedDataSetComeAlong() {
        WeightedDataset weighted = new WeightedDataset(TensorDatasetTest.numbered(4), Tensor.of(1, 2, 3, 4));

        Batch batch = new Subset(weighted, new int[] {3, 0}).batch(0, 1);

        assertArrayEquals(new float[] {4, 1}, batch.weights().toFloatArray());
        assertArrayEquals(new float[] {3, 0}, batch.targets().toFloatArray());
    }

    @Test
    void aDataLoaderReadsIt() {
        Subset subset = new Subset(TensorDatasetTest.numbered(10), new int[] {9, 7, 5, 3, 1});

        int seen = 0;
        float sum = 0;
        for (Batch batch : new DataLoader(subset, 2)) {
            seen += batch.size();
            sum += batch.targets().sum().item();
        }
        assertEquals(5, seen);
        assertEquals(25f, sum);
    }

    @Test
    void positionsOutOfRangeAreRefused() {
        TensorDataset data = TensorDatasetTest.numbered(3);

        var error = assertThrows(IndexOutOfBoundsException.class, () -> new Subset(data, new int[] {0, 3}));
        assertEquals("Subset: index 3 is out of range for a data set of 3 examples", error.getMessage());
        var inside = assertThrows(IndexOutOfBoundsException.class, () -> new Subset(data, new int[] {2}).get(1));
        assertEquals("Subset: index 1 is out of range for 1 examples", inside.getMessage());
        assertEquals("Subset(1 of " + data + ")", new Subset(data, new int[] {2}).toString());
    }
}
