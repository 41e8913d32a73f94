package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}): trains a compiled model
 * for up to {@link #steps} updates while the learning rate grows exponentially from
 * {@link #start} to {@link #end}, records each batch's loss and its exponentially smoothed,
 * bias-corrected value (β = 0.98), and stops once the smoothed loss exceeds four times its
 * lowest (divergence). The suggestion is the rate where the smoothed loss falls fastest against
 * {@code log(rate)} before its lowest point (fastai's {@code steep}); {@link Result#minimumTenth}
 * is the rate at the lowest loss divided by ten (fastai's {@code minimum}). Afterwards the
 * network's weights and the optimizers' state are put back as they were.
 */
public final class LearningRateFinder {

    /** The rates tried, each batch's loss and the smoothed losses, with the two suggestions. */
    public record Result(List<Double> learningRates, List<Double> losses, List<Double> smoothedLosses,
                         double suggestion, double minimumTenth) {
    }

    private static final double SMOOTHING = 0.98;
    private static final double DIVERGENCE = 4;

    private final Model model;
    private double start = 1e-7;
    private double end = 10;
    private int steps = 100;
    private int batchSize = 32;
    private long seed = 1;

    /** A finder for {@code model}, which must be compiled. */
    public LearningRateFinder(Model model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The sweep's first and last learning rates (default 1e-7 to 10). */
    public LearningRateFinder range(double first, double last) {
        if (!(first > 0 && last > first)) {
            throw new IllegalArgumentException("LearningRateFinder: the range must satisfy 0 < start < end, got "
                    + first + " to " + last);
        }
        start = first;
        end = last;
        return this;
    }

    /** Updates in the sweep (default 100; fastai's {@code num_it}). */
    public LearningRateFinder steps(int count) {
        if (count < 5) {
            throw new IllegalArgumentException("LearningRateFinder: steps must be at least 5, got " + count);
        }
        steps = count;
        return this;
    }

    /** The batch size (default 32) and the shuffling seed (default 1). */
    public LearningRateFinder batches(int size, long shuffleSeed) {
        if (size < 1) {
            throw new IllegalArgumentException("LearningRateFinder: the batch size must be at least 1, got " + size);
        }
        batchSize = size;
        seed = shuffleSeed;
        return this;
    }

    /** Runs the sweep on {@code data} (as many epochs as the steps need) and puts the model back. */
    public Result run(Dataset data) {
        Sweep sweep = new Sweep(data.size());
        int batchesPerEpoch = (data.size() + batchSize - 1) / batchSize;
        try {
            model.fit(data, FitOptions.defaults().epochs((steps + batchesPerEpoch - 1) / batchesPerEpoch)
                    .batchSize(batchSize).shuffle(true, seed).verbose(false).callbacks(sweep));
        } finally {
            if (sweep.weights != null) {
                model.network().loadStateDict(sweep.weights, true);
            }
            sweep.optimizerStates.forEach((name, state) -> model.optimizers().get(name).loadState(state));
        }
        return result(sweep.rates, sweep.losses, sweep.smoothed);
    }

    /** The suggestions for a recorded sweep (exposed for tests and for curves recorded elsewhere). */
    static Result result(List<Double> rates, List<Double> losses, List<Double> smoothed) {
        int lowest = 0;
        for (int i = 1; i < smoothed.size(); i++) {
            lowest = smoothed.get(i) < smoothed.get(lowest) ? i : lowest;
        }
        int skip = Math.min(smoothed.size() / 10, 10);   // the first steps are noise around the initial loss
        int steepest = Math.min(skip, Math.max(0, lowest - 1));
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = skip; i < lowest; i++) {
            double slope = (smoothed.get(i + 1) - smoothed.get(i)) / (Math.log(rates.get(i + 1)) - Math.log(rates.get(i)));
            if (slope < fastest) {
                fastest = slope;
                steepest = i;
            }
        }
        double suggestion = rates.isEmpty() ? Double.NaN : rates.get(steepest);
        double minimumTenth = rates.isEmpty() ? Double.NaN : rates.get(lowest) / 10;
        return new Result(List.copyOf(rates), List.copyOf(losses), List.copyOf(smoothed), suggestion, minimumTenth);
    }

    /** Sets each batch's rate and records its loss (from the epoch's running mean, weighted by batch sizes). */
    private final class Sweep implements Callback {
        private final int samples;
        private final List<Double> rates = new ArrayList<>();
        private final List<Double> losses = new ArrayList<>();
        private final List<Double> smoothed = new ArrayList<>();
        private final Map<String, Map<String, Tensor>> optimizerStates = new LinkedHashMap<>();
        private Map<String, Tensor> weights;
        private Model trained;
        private double previousMean;
        private double average;
        private double best = Double.POSITIVE_INFINITY;

        Sweep(int samples) {
            this.samples = samples;
        }

        @Override
        public void onTrainBegin(Model model) {
            trained = model;
            // The network is built and the optimizers created by now, even for a model never run before.
            weights = new LinkedHashMap<>();
            model.network().stateDict().forEach((k, v) -> weights.put(k, Tensor.of(v.toFloatArray(), v.shape().toArray())));
            model.optimizers().forEach((name, optimizer) -> optimizerStates.put(name, optimizer.state()));
        }

        @Override
        public void onTrainBatchBegin(int batch) {
            double rate = start * Math.pow(end / start, rates.size() / (double) (steps - 1));
            rates.add(rate);
            for (Optimizer optimizer : trained.optimizers().values()) {
                optimizer.setLearningRate((float) rate);
            }
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            double mean = logs.get("loss");
            double before = Math.min((long) batch * batchSize, samples);
            double after = Math.min((long) (batch + 1) * batchSize, samples);
            double loss = (mean * after - previousMean * before) / (after - before);
            previousMean = mean;
            losses.add(loss);
            average = SMOOTHING * average + (1 - SMOOTHING) * loss;
            double value = average / (1 - Math.pow(SMOOTHING, losses.size()));
            smoothed.add(value);
            best = Math.min(best, value);
            if (!Double.isFinite(value) || value > DIVERGENCE * best || rates.size() >= steps) {
                trained.stopTraining();
            }
        }
    }
}
