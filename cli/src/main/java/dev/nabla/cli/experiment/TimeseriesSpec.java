package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.tabular.Column;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.CsvOptions;
import dev.nabla.tabular.NumericColumn;
import dev.nabla.tabular.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time-series side of the {@code data} section: a CSV file whose rows are time steps in
 * order, the column to forecast and the columns to forecast it from, the window, stride and
 * horizon, the share of the last steps held out to test, the scaling, and the season of the
 * seasonal-naive baseline.
 *
 * @param file      the CSV file, relative to the experiment file
 * @param target    the column forecast
 * @param columns   the columns a window holds (by default the target alone)
 * @param window    the steps in a window
 * @param horizon   how many steps after a window's last step its target is
 * @param stride    the steps between the starts of consecutive windows
 * @param testSplit the fraction of the last steps whose values are forecast in the test
 * @param scaling   whether the columns are standardised by their training steps' mean and deviation
 * @param season    the steps in a season for the seasonal-naive baseline; 0 for none
 * @param node      the section, for errors found once the file is read; null for a model's series file,
 *                  whose errors are IllegalArgumentExceptions
 */
public record TimeseriesSpec(Path file, String target, List<String> columns, int window, int horizon, int stride,
                             double testSplit, boolean scaling, int season, ConfigNode node) {

    /** The keys a time-series data section takes besides {@code validation_split} and {@code limit}. */
    static final List<String> KEYS = List.of("timeseries", "target", "columns", "window", "horizon", "stride",
            "test_split", "scaling", "season");

    static TimeseriesSpec parse(ConfigMap map) {
        ConfigNode split = map.get("test_split");
        double testSplit = split == null ? 0.2 : split.asDouble();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw split.error("expected a fraction between 0 and 1 (both excluded), got " + split.describe());
        }
        String scaling = map.string("scaling", "standard");
        if (!scaling.equals("standard") && !scaling.equals("none")) {
            throw map.get("scaling").error("expected 'standard' or 'none', got '" + scaling + "'");
        }
        String target = map.require("target").asString();
        List<String> columns = map.has("columns") ? map.get("columns").asListOrOne().stream()
                .map(ConfigNode::asString).toList() : List.of(target);
        return new TimeseriesSpec(Path.of(map.get("timeseries").asString()), target, columns,
                map.require("window").asInt(1), map.integer("horizon", 1, 1), map.integer("stride", 1, 1), testSplit,
                scaling.equals("standard"), map.integer("season", 1, 0), map.node());
    }

    /**
     * The series file given to a model trained on a series ({@code predict}, {@code evaluate}):
     * read as training read its file; its mistakes are {@link IllegalArgumentException}s.
     */
    static TimeseriesSpec forModel(Path file, String target, List<String> columns, int window, int horizon) {
        return new TimeseriesSpec(file, target, columns, window, horizon, 1, 0.2, true, 0, null);
    }

    /** The same section with the file resolved against {@code directory} (the experiment file's). */
    TimeseriesSpec resolvedAgainst(Path directory) {
        return directory == null || file.isAbsolute() ? this : new TimeseriesSpec(directory.resolve(file).normalize(),
                target, columns, window, horizon, stride, testSplit, scaling, season, node);
    }

    /**
     * The first {@code limit} steps (0: all) of the window columns then the target column, as
     * {@code values[column][step]}.
     *
     * @throws dev.nabla.cli.config.ConfigException when a column is absent, not numeric or has a missing value
     */
    float[][] read(int limit) throws IOException {
        Table table = Csv.read(file, CsvOptions.defaults());
        int steps = limit > 0 ? Math.min(limit, table.rowCount()) : table.rowCount();
        float[][] values = new float[columns.size() + 1][];
        for (int j = 0; j <= columns.size(); j++) {
            String name = j < columns.size() ? columns.get(j) : target;
            if (!table.has(name)) {
                throw problem("the " + (name.equals(target) ? "target " : "") + "column '" + name + "' is not in "
                        + file + "; its columns: " + String.join(", ", table.columnNames()));
            }
            values[j] = numbers(table.column(name), steps);
        }
        return values;
    }

    private float[] numbers(Column column, int steps) {
        if (!(column instanceof NumericColumn numeric)) {
            throw problem("the column '" + column.name() + "' of " + file + " holds text, not numbers (row 1: '"
                    + column.text(0) + "'); a series needs a number at every step");
        }
        float[] values = new float[steps];
        for (int row = 0; row < steps; row++) {
            if (numeric.isMissing(row) || !Double.isFinite(numeric.get(row))) {
                throw problem("the column '" + column.name() + "' has no number in row " + (row + 1) + " of " + file
                        + " (" + (numeric.isMissing(row) ? "empty or a missing-value marker: NA, ? or NaN"
                        : column.text(row))
                        + "); a series needs a value at every step: fill it in or cut the series there");
            }
            values[row] = (float) numeric.get(row);
        }
        return values;
    }

    private RuntimeException problem(String message) {
        return node == null ? new IllegalArgumentException(message) : node.error(message);
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timeseries", file.toAbsolutePath().normalize().toString());
        out.put("target", target);
        out.put("columns", columns);
        out.put("window", window);
        out.put("horizon", horizon);
        out.put("stride", stride);
        out.put("test_split", testSplit);
        out.put("scaling", scaling ? "standard" : "none");
        if (season > 0) {
            out.put("season", season);
        }
        return out;
    }
}
