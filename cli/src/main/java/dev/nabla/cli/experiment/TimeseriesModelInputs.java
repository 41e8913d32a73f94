package dev.nabla.cli.experiment;

import dev.nabla.data.TensorDataset;
import dev.nabla.data.series.SeriesScaler;
import dev.nabla.data.series.TimeseriesDataset;
import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series for a model trained on a {@code data.timeseries} file: the columns, the window, the
 * horizon and the scaler fitted on the training steps are kept in the model file's training
 * state, so that {@code nabla predict MODEL series.csv} and {@code nabla evaluate MODEL --data
 * series.csv} make windows from a CSV file exactly as training did and give forecasts in the
 * series' own units.
 *
 * @param target  the column forecast
 * @param columns the columns a window holds
 * @param window  the steps in a window
 * @param horizon how many steps after a window's last step its target is
 * @param scaler  the scaling of training: the window columns, then the target
 */
public record TimeseriesModelInputs(String target, List<String> columns, int window, int horizon,
                                    SeriesScaler scaler) {

    /** The training-state key of the windows and scaling. */
    static final String KEY = "timeseries.windows";

    /** A series read from a file, scaled as in training. */
    public record Series(Path file, int steps, Tensor windowColumns, Tensor target, float[] rawTarget) {
    }

    /** The training-state entry of a series run. */
    static Map<String, String> trainingState(TimeseriesSpec spec, SeriesScaler scaler) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("target", spec.target());
        settings.put("columns", spec.columns());
        settings.put("window", spec.window());
        settings.put("horizon", spec.horizon());
        settings.put("mean", floats(scaler.mean()));
        settings.put("scale", floats(scaler.scale()));
        return Map.of(KEY, JsonWriter.write(settings));
    }

    /**
     * What a model file keeps of its series, or null when it was not trained on one.
     *
     * @throws IllegalArgumentException when the entry is malformed
     */
    public static TimeseriesModelInputs of(Map<String, String> trainingState) {
        String entry = trainingState.get(KEY);
        if (entry == null) {
            return null;
        }
        try {
            Map<?, ?> settings = (Map<?, ?>) JsonReader.parseDocument(entry.getBytes(StandardCharsets.UTF_8));
            List<String> columns = ((List<?>) settings.get("columns")).stream().map(String.class::cast).toList();
            return new TimeseriesModelInputs((String) settings.get("target"), columns,
                    ((Number) settings.get("window")).intValue(), ((Number) settings.get("horizon")).intValue(),
                    new SeriesScaler(array(settings.get("mean")), array(settings.get("scale"))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the model file's series settings (" + KEY + ") are malformed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The model's columns of a CSV file, one time step per row, scaled as in training.
     *
     * @param needed the fewest steps the use needs ({@link #window} to forecast, more to evaluate)
     * @param use    what they are needed for, for the error
     * @throws IllegalArgumentException for a missing column, a missing or non-numeric value, or too few steps
     */
    public Series read(Path file, int needed, String use) throws IOException {
        float[][] values = TimeseriesSpec.forModel(file, target, columns, window, horizon).read(0);
        int steps = values[0].length;
        if (steps < needed) {
            throw new IllegalArgumentException(file + " has " + steps + " step(s) of '" + target + "', but " + use
                    + " takes at least " + needed + " (the model reads windows of " + window + " steps, its target "
                    + horizon + " step(s) after a window's last); give a longer series");
        }
        float[] table = new float[steps * values.length];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < values.length; j++) {
                table[t * values.length + j] = values[j][t];
            }
        }
        Tensor scaled = scaler.transform(Tensor.of(table, steps, values.length));
        int inputs = columns.size();
        return new Series(file, steps, scaled.slice(1, 0, inputs).contiguous(),
                scaled.slice(1, inputs, inputs + 1).contiguous(), values[inputs]);
    }

    /** Every window of a file with its target {@link #horizon} steps after it, scaled: what {@code evaluate} tests on. */
    public TensorDataset dataset(Path file) throws IOException {
        Series series = read(file, window + horizon, "evaluating");
        return TimeseriesDataset.forecasting(series.windowColumns(), series.target(), window, horizon, 1)
                .toTensorDataset();
    }

    /** The windows ending at each of the last {@code count} steps of a series, {@code [count, window, columns]}. */
    public Tensor lastWindows(Series series, int count) {
        Tensor[] windows = new Tensor[count];
        for (int i = 0; i < count; i++) {
            int end = series.steps() - count + 1 + i;
            windows[i] = series.windowColumns().slice(0, end - window, end);
        }
        return Tensor.stack(0, windows);
    }

    /** Scaled forecasts of the target in the series' units. */
    public Tensor inSeriesUnits(Tensor forecasts) {
        return scaler.inverse(forecasts, columns.size());
    }

    private static List<Double> floats(float[] values) {
        List<Double> out = new java.util.ArrayList<>();
        for (float v : values) {
            out.add((double) v);
        }
        return out;
    }

    private static float[] array(Object list) {
        List<?> values = (List<?>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
