package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** The targets of each batch of one epoch, as example numbers. */
    private static List<List<Integer>> epoch(DataLoader loader) {
        List<List<Integer>> batches = new ArrayList<>();
        for (Batch batch : loader) {
            List<Integer> targets = new ArrayList<>();
            for (float target : batch.targets().toFloatArray()) {
                targets.add((int) target);
            }
            batches.add(targets);
        }
        return batches;
    }

    private static List<Integer> flatten(List<List<Integer>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }

    private static List<Integer> range(int size) {
        return IntStream.range(0, size).boxed().toList();
    }

    @Test
    void inOrderBatchesCoverEveryExampleOnceWithASmallerLastBatch() {
        DataLoader loader = new DataLoader(TensorDatasetTest.numbered(10), 3);

        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9)), epoch(loader));
        assertEquals(4, loader.numberOfBatches());
    }

    @Test
    void batchesKeepFeaturesWithTheirTargets() {
        for (Batch batch : new DataLoader(TensorDatasetTest.numbered(7), 4, new Generator(1), false)) {
            assertArrayEquals(new int[] {batch.size(), 2}, batch.features().shape().toArray());
            assertEquals(DType.INT32, batch.targets().dtype());
            for (int row = 0; row < batch.size(); row++) {
                assertEquals(batch.targets().get(row), batch.features().get(row, 0));
            }
        }
    }

    @Test
    void shuffledEpochsCoverEveryExampleOnceAndDifferFromEachOther() {
        DataLoader loader = new DataLoader(TensorDatasetTest.numbered(50), 8, new Generator(7), false);

        List<Integer> first = flatten(epoch(loader));
        List<Integer> second = flatten(epoch(loader));

        assertEquals(range(50), first.stream().sorted().toList());
        assertEquals(range(50), second.stream().sorted().toList());
        assertNotEquals(range(50), first);
        assertNotEquals(first, second);
    }

    @Test
    void theSameSeedGivesTheSameEpochs() {
        DataLoader one = new DataLoader(TensorDatasetTest.numbered(30), 4, new Generator(11), false);
        DataLoader two = new DataLoader(TensorDatasetTest.numbered(30), 4, new Generator(11), false, 0);

        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(epoch(one), epoch(two));
        }
    }

    @Test
    void dropLastLeavesOutTheSmallerBatch() {
        DataLoader loader = new DataLoader(TensorDatasetTest.numbered(10), 3, new Generator(2), true);

        List<List<Integer>> batches = epoch(loader);

        assertEquals(3, loader.numberOfBatches());
        assertEquals(3, batches.size());
        batches.forEach(batch -> assertEquals(3, batch.size()));
        assertEquals(9, flatten(batches).stream().distinct().count());
    }

    @Test
    void numberOfBatchesCountsExactAndPartialBatches() {
        assertEquals(2, new DataLoader(TensorDatasetTest.numbered(8), 4, null, false).numberOfBatches());
        assertEquals(2, new DataLoader(TensorDatasetTest.numbered(8), 4, null, true).numberOfBatches());
        assertEquals(1, new DataLoader(TensorDatasetTest.numbered(3), 4, null, false).numberOfBatches());
        assertEquals(0, new DataLoader(TensorDatasetTest.numbered(3), 4, null, true).numberOfBatches());
        assertEquals(1, new DataLoader(TensorDatasetTest.numbered(3), Integer.MAX_VALUE).numberOfBatches());
    }

    @Test
    void anEmptyDataSetGivesNoBatches() {
        DataLoader loader = new DataLoader(TensorDatasetTest.numbered(0), 4, new Generator(0), false);

        assertEquals(0, loader.numberOfBatches());
        try (BatchIterator epoch = loader.iterator()) {
            assertFalse(epoch.hasNext());
        }
    }

    @Test
    void anyDatasetCanBeLoaded() {
        DataLoader loader = new DataLoader(DatasetTest.computed(5), 2);

        List<List<Integer>> batches = epoch(loader);

        assertEquals(List.of(List.of(0, 1), List.of(2, 0), List.of(1)), batches);
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        TensorDataset data = TensorDatasetTest.numbered(3);

        assertEquals("DataLoader: the batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(data, 0)).getMessage());
        assertEquals("DataLoader: prefetch must be 0 (no background thread) or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(data, 1, null, false, -1))
                        .getMessage());
        assertEquals("DataLoader: the data set is null",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(null, 1)).getMessage());
    }
}
