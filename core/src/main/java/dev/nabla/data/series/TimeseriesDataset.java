package dev.nabla.data.series;

import dev.nabla.data.Batch;
import dev.nabla.data.Dataset;
import dev.nabla.data.Example;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Sliding windows over a series (Keras's {@code timeseries_dataset_from_array}): window
 * {@code i} holds the rows {@code start + i·stride + k·samplingRate}, {@code k = 0 ..
 * sequenceLength − 1}, of {@code data} {@code [T]} or {@code [T, features]}, and its target is
 * row {@code start + i·stride} of {@code targets}. There are as many windows as start positions
 * {@code 0, stride, 2·stride, ...} below {@code end − start − (sequenceLength − 1)·samplingRate}
 * and below the number of targets. A batch of windows is {@code [batch, sequenceLength]} or
 * {@code [batch, sequenceLength, features]}; windows are gathered when a batch is asked for,
 * so they take no memory of their own.
 *
 * <p>To predict the value {@code horizon} steps after each window, {@link #forecasting} passes
 * {@code targets = data[sequenceLength + horizon − 1 :]}, as Keras's documentation does.
 *
 * <pre>{@code
 * // windows of 12 months predicting the next month of a [T] series
 * TimeseriesDataset windows = TimeseriesDataset.forecasting(series, 12, 1, 1);
 * }</pre>
 */
public final class TimeseriesDataset implements Dataset {

    private final Tensor data;
    private final Tensor targets;
    private final int sequenceLength;
    private final int samplingRate;
    private final int[] starts;
    private final int targetOffset;

    /**
     * Windows over all of {@code data}; null targets give windows whose target is the window
     * itself (an autoencoder's). See the class comment for the arguments.
     */
    public TimeseriesDataset(Tensor data, Tensor targets, int sequenceLength, int sequenceStride, int samplingRate) {
        this(data, targets, sequenceLength, sequenceStride, samplingRate, 0, data == null ? 0 : dimOrZero(data));
    }

    /**
     * Windows over rows {@code [startIndex, endIndex)} of {@code data} only (Keras's
     * {@code start_index} and {@code end_index}); window {@code i}'s target is
     * {@code targets[startIndex + i·sequenceStride]}.
     *
     * @throws IllegalArgumentException when a setting is out of range, a value is not finite,
     *     or the rows are too few for one window, saying which
     */
    public TimeseriesDataset(Tensor data, Tensor targets, int sequenceLength, int sequenceStride, int samplingRate,
                             int startIndex, int endIndex) {
        this(data, targets, sequenceLength, sequenceStride, samplingRate, startIndex, endIndex, 0);
    }

    /** The constructor above, with the distance from a window's start to its target in the series. */
    private TimeseriesDataset(Tensor data, Tensor targets, int sequenceLength, int sequenceStride, int samplingRate,
                              int startIndex, int endIndex, int targetOffset) {
        if (data == null || data.rank() < 1 || data.rank() > 2) {
            throw new IllegalArgumentException("TimeseriesDataset: the data must be a series [time] or [time, features],"
                    + " got " + (data == null ? "null" : "shape " + data.shape()));
        }
        if (sequenceLength < 1 || sequenceStride < 1 || samplingRate < 1) {
            throw new IllegalArgumentException("TimeseriesDataset: the sequence length, stride and sampling rate must"
                    + " be at least 1, got " + sequenceLength + ", " + sequenceStride + " and " + samplingRate);
        }
        int length = data.dim(0);
        if (startIndex < 0 || endIndex > length || startIndex >= endIndex) {
            throw new IllegalArgumentException("TimeseriesDataset: the rows [" + startIndex + ", " + endIndex
                    + ") are not a range within the " + length + " rows of the data");
        }
        requireFinite(data, "the data");
        int span = (sequenceLength - 1) * samplingRate + 1;
        int count = endIndex - startIndex - span + 1;
        if (targets != null) {
            if (targets.rank() == 0) {
                throw new IllegalArgumentException("TimeseriesDataset: the targets need a first axis over time, got a"
                        + " scalar");
            }
            requireFinite(targets, "the targets");
            count = Math.min(count, targets.dim(0) - startIndex);
        }
        if (count < 1) {
            throw new IllegalArgumentException("TimeseriesDataset: a window of " + sequenceLength + " steps"
                    + (samplingRate > 1 ? " sampled every " + samplingRate + " rows (" + span + " rows)" : "")
                    + " does not fit in the " + (endIndex - startIndex) + " rows [" + startIndex + ", " + endIndex
                    + ")" + (targets == null ? "" : " with " + targets.dim(0) + " targets")
                    + "; shorten the window or give a longer series");
        }
        this.data = data.detach();
        this.targets = targets == null ? null : targets.detach();
        this.sequenceLength = sequenceLength;
        this.samplingRate = samplingRate;
        this.starts = new int[(count + sequenceStride - 1) / sequenceStride];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = startIndex + i * sequenceStride;
        }
        this.targetOffset = targetOffset;
    }

    /**
     * Windows of {@code window} steps of {@code series} ({@code [T]} or {@code [T, features]}),
     * one every {@code stride} steps, each with the target {@code horizon} steps after its last
     * step: the whole row of {@code series} there.
     */
    public static TimeseriesDataset forecasting(Tensor series, int window, int horizon, int stride) {
        return forecasting(series, series, window, horizon, stride);
    }

    /**
     * As above, with the targets taken from {@code targetSeries} ({@code [T]} or {@code [T, ...]},
     * aligned in time with {@code series}): a column of a multivariate series, say.
     */
    public static TimeseriesDataset forecasting(Tensor series, Tensor targetSeries, int window, int horizon,
                                                int stride) {
        if (horizon < 1) {
            throw new IllegalArgumentException("TimeseriesDataset.forecasting: the horizon must be at least 1 step"
                    + " after the window, got " + horizon);
        }
        if (window < 1) {
            throw new IllegalArgumentException("TimeseriesDataset.forecasting: the window must be at least 1 step,"
                    + " got " + window);
        }
        int length = series.rank() == 0 ? 0 : series.dim(0);
        if (window + horizon > length) {
            throw new IllegalArgumentException("TimeseriesDataset.forecasting: a window of " + window + " steps and a"
                    + " target " + horizon + " step(s) after it need " + (window + horizon) + " steps, but the series"
                    + " has " + length + "; shorten the window or the horizon");
        }
        if (targetSeries.rank() == 0 || targetSeries.dim(0) != length) {
            throw new IllegalArgumentException("TimeseriesDataset.forecasting: the target series (shape "
                    + targetSeries.shape() + ") must have the series' " + length + " steps");
        }
        Tensor targets = targetSeries.slice(0, window + horizon - 1, length);
        return new TimeseriesDataset(series, targets, window, stride, 1, 0, length, window + horizon - 1);
    }

    @Override
    public int size() {
        return starts.length;
    }

    /** Window {@code index}: {@code [sequenceLength]} or {@code [sequenceLength, features]}, with its target. */
    @Override
    public Example get(int index) {
        Batch one = batch(index);
        return new Example(one.features().squeeze(0), one.targets().squeeze(0));
    }

    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices given; a batch holds at least one example");
        }
        int[] rows = new int[indices.length * sequenceLength];
        int[] targetRows = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int start = start(indices[i]);
            for (int k = 0; k < sequenceLength; k++) {
                rows[i * sequenceLength + k] = start + k * samplingRate;
            }
            targetRows[i] = start;
        }
        int[] shape = data.shape().toArray();
        int[] windowShape = new int[shape.length + 1];
        windowShape[0] = indices.length;
        windowShape[1] = sequenceLength;
        System.arraycopy(shape, 1, windowShape, 2, shape.length - 1);
        Tensor windows = data.indexSelect(0, rows).reshape(windowShape);
        Tensor target = targets == null ? windows : targets.indexSelect(0, targetRows);
        return new Batch(windows, target);
    }

    /** Every window and target in memory, as a {@link TensorDataset}. */
    public TensorDataset toTensorDataset() {
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        Batch batch = batch(all);
        return new TensorDataset(batch.features(), batch.targets());
    }

    /**
     * Where each window's target sits in the series it was made from: for {@link #forecasting},
     * the time step of the forecast value; for the constructors, the target row.
     */
    public int[] targetPositions() {
        int[] positions = new int[starts.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = starts[i] + targetOffset;
        }
        return positions;
    }

    /** The steps in a window. */
    public int sequenceLength() {
        return sequenceLength;
    }

    @Override
    public String toString() {
        return "TimeseriesDataset(" + size() + " windows of " + sequenceLength + " steps over data " + data.shape()
                + ")";
    }

    private int start(int index) {
        if (index < 0 || index >= starts.length) {
            throw new IndexOutOfBoundsException("TimeseriesDataset: window " + index + " is out of range for "
                    + starts.length + " windows");
        }
        return starts[index];
    }

    private static int dimOrZero(Tensor data) {
        return data.rank() == 0 ? 0 : data.dim(0);
    }

    /** Names the first value that is NaN or infinite, by its time step. */
    static void requireFinite(Tensor values, String what) {
        float[] flat = values.toFloatArray();
        int perStep = values.dim(0) == 0 ? 1 : Math.max(1, flat.length / values.dim(0));
        for (int i = 0; i < flat.length; i++) {
            if (!Float.isFinite(flat[i])) {
                throw new IllegalArgumentException("TimeseriesDataset: " + what + " hold " + flat[i]
                        + " at time step " + i / perStep + (perStep > 1 ? ", column " + i % perStep : "")
                        + "; fill or drop missing values before making windows");
            }
        }
    }
}
