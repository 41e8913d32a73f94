package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {

    @Test
    void chunkCountIsTheCeilingOfNOverGrainAndAtLeastOne() {
        assertEquals(1, Parallel.chunkCount(0, 10));
        assertEquals(1, Parallel.chunkCount(1, 10));
        assertEquals(1, Parallel.chunkCount(10, 10));
        assertEquals(2, Parallel.chunkCount(11, 10));
        assertEquals(7, Parallel.chunkCount(1000, 150));
        assertEquals(Integer.MAX_VALUE, Parallel.chunkCount(Integer.MAX_VALUE, 1));
    }

    @Test
    void chunkBoundariesDependOnlyOnNAndGrain() {
        int n = 1000;
        int grain = 64;
        Set<String> expected = new TreeSet<>();
        for (int start = 0; start < n; start += grain) {
            expected.add(start + ".." + Math.min(n, start + grain));
        }
        for (int threads : List.of(1, 2, 3)) {
            Set<String> visited = withThreads(threads, () -> {
                Set<String> seen = new ConcurrentSkipListSet<>();
                Parallel.forChunks(n, grain, (start, end) -> seen.add(start + ".." + end));
                return seen;
            });
            assertEquals(expected, new TreeSet<>(visited), "chunks with " + threads + " threads");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void forChunksCoversEveryIndexExactlyOnce(int threads) {
        for (int n : new int[] {1, 7, 64, 65, 1000, 4099}) {
            for (int grain : new int[] {1, 16, 100, 5000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                withThreads(threads, () -> {
                    Parallel.forChunks(n, grain, (start, end) -> {
                        for (int i = start; i < end; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    return null;
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " of n=" + n + ", grain=" + grain);
                }
            }
        }
    }

    @Test
    void nestedCallsRunInsideTheOuterChunkWithoutDeadlock() {
        AtomicIntegerArray hits = new AtomicIntegerArray(40 * 30);
        withThreads(2, () -> {
            Parallel.forEachTask(40, (outer, outerEnd) -> Parallel.forChunks(30, 7, (start, end) -> {
                for (int i = start; i < end; i++) {
                    hits.incrementAndGet(outer * 30 + i);
                }
            }));
            return null;
        });
        for (int i = 0; i < hits.length(); i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
    }

    @Test
    void forChunksOfNothingRunsNothing() {
        Parallel.forChunks(0, 10, (start, end) -> {
            throw new AssertionError("ran " + start + ".." + end);
        });
    }

    @Test
    void setThreadsRejectsLessThanOne() {
        int before = Parallel.threads();
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(-3));
        assertEquals(before, Parallel.threads());
    }

    @Test
    void setThreadsChangesTheCount() {
        assertEquals(3, (int) withThreads(3, Parallel::threads));
    }

    /** Runs body with the given thread count and restores the previous count. */
    static <T> T withThreads(int threads, java.util.function.Supplier<T> body) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            return body.get();
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void forChunksIfAwakeRunsEveryChunkOnceWhicheverThreadsRunThem() {
        withThreads(2, () -> {
            for (int round = 0; round < 3; round++) {   // first with the worker parked, then awake
                AtomicIntegerArray seen = new AtomicIntegerArray(10);
                Parallel.forChunksIfAwake(10, 3, (s, e) -> {
                    for (int i = s; i < e; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 10; i++) {
                    assertEquals(1, seen.get(i), "index " + i + " in round " + round);
                }
            }
            return null;
        });
    }
}
