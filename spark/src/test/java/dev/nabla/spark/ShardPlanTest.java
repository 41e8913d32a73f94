package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

    private final ShardPlan plan = new ShardPlan(101, 2, 10, 3, 7, true);

    @Test
    void eachEpochCutsOneShuffleIntoDisjointEqualShards() {
        int[] first = plan.shard(0, 0);
        int[] second = plan.shard(0, 1);
        assertEquals(50, first.length);
        assertEquals(50, second.length);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(first).forEach(seen::add);
        Arrays.stream(second).forEach(seen::add);
        assertEquals(100, seen.size());
        assertFalse(Arrays.equals(first, plan.shard(1, 0)), "examples move between partitions from epoch to epoch");
        assertArrayEquals(first, new ShardPlan(101, 2, 10, 3, 7, true).shard(0, 0));
    }

    @Test
    void roundsTakeSyncEveryStepsOfTheWorkersBatch() {
        assertEquals(5, plan.workerBatchSize());
        assertEquals(10, plan.stepsPerEpoch());
        assertEquals(4, plan.roundsPerEpoch());
        int[] shard = plan.shard(0, 0);
        assertArrayEquals(Arrays.copyOfRange(shard, 0, 15), plan.roundExamples(shard, 0));
        assertArrayEquals(Arrays.copyOfRange(shard, 45, 50), plan.roundExamples(shard, 3));
    }

    @Test
    void aBatchSmallerThanTheWorkersIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ShardPlan(100, 4, 2, 1, 0, true));
        assertTrue(error.getMessage().contains("smaller than the 4 workers"), error.getMessage());
    }
}
