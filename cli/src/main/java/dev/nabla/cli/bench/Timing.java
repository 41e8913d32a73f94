package dev.nabla.cli.bench;

import java.util.Arrays;

/** The small statistics of the benchmarks: medians of timed calls. */
public final class Timing {

    private Timing() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Seconds per call of {@code call}: first {@code warmupCalls} untimed calls, then
     * {@code calls} calls timed one by one; returns their median.
     */
    public static double medianSeconds(Runnable call, int warmupCalls, int calls) {
        for (int i = 0; i < warmupCalls; i++) {
            call.run();
        }
        double[] seconds = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - start) * 1e-9;
        }
        return median(seconds);
    }

    /**
     * Seconds per call of {@code call}, for calls of very different lengths: warm up with at
     * least {@code minCalls} calls lasting at least {@code minSeconds} in all, then time at
     * least {@code minCalls} calls, one by one, lasting at least {@code minSeconds} in all;
     * returns their median.
     */
    public static double medianSecondsFor(Runnable call, int minCalls, double minSeconds) {
        timeCalls(call, minCalls, minSeconds);
        return median(timeCalls(call, minCalls, minSeconds));
    }

    /** The time of each call, calling until both limits are reached. */
    private static double[] timeCalls(Runnable call, int minCalls, double minSeconds) {
        double[] seconds = new double[Math.max(minCalls, 16)];
        long begin = System.nanoTime();
        int count = 0;
        while (count < minCalls || (System.nanoTime() - begin) * 1e-9 < minSeconds) {
            long start = System.nanoTime();
            call.run();
            if (count == seconds.length) {
                seconds = Arrays.copyOf(seconds, 2 * count);
            }
            seconds[count++] = (System.nanoTime() - start) * 1e-9;
        }
        return Arrays.copyOf(seconds, count);
    }
}
