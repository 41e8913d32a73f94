package dev.nabla.data.series;

import dev.nabla.tensor.Tensor;

/**
 * A series cut in time into consecutive parts, without shuffling: the oldest steps to train on,
 * then the validation steps, then the most recent to test on, so that no model is tested on a
 * past it was trained on the future of. Each part is a view of the series' rows; make windows
 * within each part ({@link TimeseriesDataset}) and fit any scaling on {@link #train} only
 * ({@link SeriesScaler}).
 *
 * <pre>{@code
 * ChronologicalSplit parts = ChronologicalSplit.of(series, 0.15, 0.15);   // 70% / 15% / 15%
 * }</pre>
 *
 * @param train      the first steps {@code [trainSteps, ...]}
 * @param validation the steps after them (empty when no validation fraction was given)
 * @param test       the last steps
 */
public record ChronologicalSplit(Tensor train, Tensor validation, Tensor test) {

    /**
     * Cuts {@code series} ({@code [T, ...]}): the last {@code ceil(testFraction · T)} steps to
     * test, the {@code ceil(validationFraction · T)} before them to validate (the sizes of
     * scikit-learn's {@code test_size}, as {@link dev.nabla.data.Splits} uses), the rest to train.
     *
     * @param validationFraction in [0, 1); 0 for no validation part
     * @param testFraction       in (0, 1)
     * @throws IllegalArgumentException when a fraction is out of range or the training part would be empty
     */
    public static ChronologicalSplit of(Tensor series, double validationFraction, double testFraction) {
        if (series == null || series.rank() == 0) {
            throw new IllegalArgumentException("ChronologicalSplit: the series needs a first axis over time, got "
                    + (series == null ? "null" : "a scalar"));
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("ChronologicalSplit: the validation fraction must be in [0, 1), got "
                    + validationFraction);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("ChronologicalSplit: the test fraction must be in (0, 1), got "
                    + testFraction);
        }
        int steps = series.dim(0);
        int testSteps = (int) Math.ceil(testFraction * steps);
        int validationSteps = (int) Math.ceil(validationFraction * steps);
        int trainSteps = steps - validationSteps - testSteps;
        if (trainSteps < 1) {
            throw new IllegalArgumentException("ChronologicalSplit: holding out " + (validationSteps + testSteps)
                    + " of the " + steps + " steps leaves none to train on; lower the fractions");
        }
        return new ChronologicalSplit(series.slice(0, 0, trainSteps),
                series.slice(0, trainSteps, trainSteps + validationSteps),
                series.slice(0, trainSteps + validationSteps, steps));
    }
}
