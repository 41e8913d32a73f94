package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** A data set computed on demand: example i is the vector [i, 10 i] with label i mod 3. */
    static Dataset computed(int size) {
        return new Dataset() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Example get(int index) {
                return new Example(Tensor.of(index, 10f * index), Tensor.scalar(index % 3).to(DType.INT32));
            }
        };
    }

    @Test
    void theDefaultBatchStacksExamplesInTheOrderGiven() {
        Batch batch = computed(5).batch(4, 0, 2);

        assertEquals(3, batch.size());
        assertArrayEquals(new int[] {3, 2}, batch.features().shape().toArray());
        assertArrayEquals(new float[] {4, 40, 0, 0, 2, 20}, batch.features().toFloatArray());
        assertArrayEquals(new float[] {1, 0, 2}, batch.targets().toFloatArray());
        assertEquals(DType.INT32, batch.targets().dtype());
    }

    @Test
    void anEmptyBatchIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> computed(5).batch());
        assertEquals("batch: no indices given; a batch holds at least one example", error.getMessage());
    }
}
