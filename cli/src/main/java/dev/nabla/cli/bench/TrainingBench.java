package dev.nabla.cli.bench;

import dev.nabla.data.TensorDataset;
import java.util.Map;

/**
 * Training throughput as {@code shared/bench/WORKLOADS.md} defines it: samples per second
 * over whole steps ({@link TrainingStep}), the median over windows of consecutive steps
 * after warm-up steps; and the heap bytes all threads allocated per measured step.
 *
 * @param warmupSteps untimed steps first (50 in the standard workload)
 * @param window steps per timed window (50 in the standard workload)
 * @param steps timed steps, rounded down to whole windows (at least one window)
 */
public record TrainingBench(int warmupSteps, int window, int steps) {

    /** What one run measured. */
    public record Result(double samplesPerSecond, double allocatedBytesPerStep, int measuredSteps) {
    }

    public TrainingBench {
        if (warmupSteps < 0 || window < 1 || steps < 1) {
            throw new IllegalArgumentException("training benchmark: warm-up steps must be 0 or more, the window and"
                    + " the steps at least 1; got warm-up " + warmupSteps + ", window " + window + ", steps " + steps);
        }
    }

    /** The number of timed windows: the steps in whole windows, at least one (fewer steps make one short window). */
    int windows() {
        return Math.max(1, steps / window);
    }

    /** The steps of one timed window. */
    int stepsPerWindow() {
        return Math.min(window, steps);
    }

    /** Trains a fresh {@code workload} network on {@code train} and measures it. */
    public Result run(Workload workload, TensorDataset train, long seed) {
        try (TrainingStep step = new TrainingStep(workload, train, seed)) {
            for (int i = 0; i < warmupSteps; i++) {
                step.run();
            }
            int perWindow = stepsPerWindow();
            double[] samplesPerSecond = new double[windows()];
            Map<Long, Long> allocatedBefore = Memory.allocatedByThread();
            for (int w = 0; w < samplesPerSecond.length; w++) {
                long start = System.nanoTime();
                for (int i = 0; i < perWindow; i++) {
                    step.run();
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                samplesPerSecond[w] = perWindow * (double) Workload.BATCH_SIZE / seconds;
            }
            long allocated = Memory.allocatedSince(allocatedBefore);
            int measured = perWindow * samplesPerSecond.length;
            if (!Float.isFinite(step.lastLoss())) {
                throw new IllegalStateException(workload.id() + ": the loss is " + step.lastLoss()
                        + " after " + (warmupSteps + measured) + " steps");
            }
            return new Result(Timing.median(samplesPerSecond), (double) allocated / measured, measured);
        }
    }
}
