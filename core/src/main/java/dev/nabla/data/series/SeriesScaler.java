package dev.nabla.data.series;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Standardises each column of a series with the mean and the standard deviation of the
 * training steps only (scikit-learn's {@code StandardScaler} fitted on the first part of a
 * chronological split, as in Keras's weather-forecasting example): {@code (x − mean) / std},
 * the population standard deviation; a constant column keeps a scale of 1. The same scaler
 * then transforms the validation and test steps, and {@link #inverse} takes forecasts back to
 * the series' units. Immutable.
 *
 * <pre>{@code
 * SeriesScaler scaler = SeriesScaler.fit(parts.train());
 * Tensor train = scaler.transform(parts.train());
 * Tensor test = scaler.transform(parts.test());
 * }</pre>
 */
public final class SeriesScaler {

    private final float[] mean;
    private final float[] scale;

    /** A scaler of these per-column means and scales (scales positive). */
    public SeriesScaler(float[] mean, float[] scale) {
        if (mean.length != scale.length || mean.length == 0) {
            throw new IllegalArgumentException("SeriesScaler: give one mean and one scale per column, got "
                    + mean.length + " and " + scale.length);
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Float.isFinite(scale[j]) || !Float.isFinite(mean[j])) {
                throw new IllegalArgumentException("SeriesScaler: column " + j + " has mean " + mean[j] + " and scale "
                        + scale[j] + "; a scale must be positive and both finite");
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /**
     * The means and standard deviations of the columns of {@code train} ({@code [T]} or
     * {@code [T, columns]}), computed in double precision.
     *
     * @throws IllegalArgumentException when the series is empty or holds a NaN or an infinity
     */
    public static SeriesScaler fit(Tensor train) {
        if (train.rank() < 1 || train.rank() > 2 || train.dim(0) == 0) {
            throw new IllegalArgumentException("SeriesScaler.fit: expected a non-empty series [time] or [time,"
                    + " columns], got shape " + train.shape());
        }
        TimeseriesDataset.requireFinite(train, "the training steps");
        int columns = columns(train);
        int steps = train.dim(0);
        float[] values = train.toFloatArray();
        float[] means = new float[columns];
        float[] scales = new float[columns];
        for (int j = 0; j < columns; j++) {
            double sum = 0;
            for (int t = 0; t < steps; t++) {
                sum += values[t * columns + j];
            }
            double average = sum / steps;
            double squares = 0;
            for (int t = 0; t < steps; t++) {
                double deviation = values[t * columns + j] - average;
                squares += deviation * deviation;
            }
            double deviation = Math.sqrt(squares / steps);
            means[j] = (float) average;
            scales[j] = deviation > 1e-12 * Math.max(1, Math.abs(average)) ? (float) deviation : 1f;
        }
        return new SeriesScaler(means, scales);
    }

    /** {@code (series − mean) / scale}, column by column; the shape is kept. */
    public Tensor transform(Tensor series) {
        return series.sub(broadcast(mean, series)).div(broadcast(scale, series));
    }

    /** Undoes {@link #transform}: {@code values · scale + mean}. */
    public Tensor inverse(Tensor values) {
        return values.mul(broadcast(scale, values)).add(broadcast(mean, values));
    }

    /** Undoes {@link #transform} for values of column {@code column} only (forecasts of one column, any shape). */
    public Tensor inverse(Tensor values, int column) {
        return values.mul(scale[column]).add(mean[column]);
    }

    /** The means, one per column (copied). */
    public float[] mean() {
        return mean.clone();
    }

    /** The scales, one per column (copied). */
    public float[] scale() {
        return scale.clone();
    }

    @Override
    public String toString() {
        return "SeriesScaler(mean " + Arrays.toString(mean) + ", scale " + Arrays.toString(scale) + ")";
    }

    private Tensor broadcast(float[] values, Tensor series) {
        if (columns(series) != values.length) {
            throw new IllegalArgumentException("SeriesScaler: it was fitted on " + values.length + " column(s), but"
                    + " the series has shape " + series.shape());
        }
        return series.rank() == 1 ? Tensor.scalar(values[0]) : Tensor.of(values.clone());
    }

    private static int columns(Tensor series) {
        return series.rank() <= 1 ? 1 : series.dim(series.rank() - 1);
    }
}
