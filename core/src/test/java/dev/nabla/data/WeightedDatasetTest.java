package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WeightedDatasetTest {

    private static final TensorDataset DATA = new TensorDataset(Tensor.ones(4, 2), Tensor.zeros(4));

    @Test
    void batchesCarryTheWeightsOfTheirExamples() {
        WeightedDataset weighted = new WeightedDataset(DATA, Tensor.of(1f, 2f, 3f, 4f));
        Batch batch = weighted.batch(3, 0);
        assertTrue(batch.weights().allClose(Tensor.of(4f, 1f)));
        assertEquals(2, batch.size());
        assertNull(DATA.batch(0).weights(), "plain data sets have no weights");
    }

    @Test
    void loadersPassTheWeightsOn() {
        WeightedDataset weighted = new WeightedDataset(DATA, Tensor.of(1f, 2f, 3f, 4f));
        float total = 0f;
        for (Batch batch : new DataLoader(weighted, 3)) {
            total += batch.weights().sum().item();
        }
        assertEquals(10f, total);
    }

    @Test
    void weightsMustFitAndBeNonNegative() {
        var count = assertThrows(IllegalArgumentException.class, () -> new WeightedDataset(DATA, Tensor.ones(3)));
        assertEquals("WeightedDataset: need one weight per example: 4 examples but weights of shape [3]", count.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> new WeightedDataset(DATA, Tensor.of(1f, -1f, 1f, 1f)));
        assertTrue(negative.getMessage().contains("weight -1.0 of example 1"), negative.getMessage());
    }
}
