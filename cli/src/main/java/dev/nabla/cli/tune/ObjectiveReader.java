package dev.nabla.cli.tune;

import dev.nabla.io.JsonReader;
import dev.nabla.tune.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trial's objective from its run's files: a column of {@code history.csv} (the curve over
 * the epochs, and its best value), or {@code test_NAME} from {@code metrics.json} (for a
 * cross-validated run, the mean over the folds).
 */
final class ObjectiveReader {

    private ObjectiveReader() {
    }

    /** The metric after each epoch; empty for a test_ metric. */
    static List<Double> curve(Path run, String metric) throws IOException {
        if (metric.startsWith("test_")) {
            return List.of();
        }
        Path history = run.resolve("history.csv");
        if (!Files.exists(history)) {
            throw new IOException("the run wrote no history.csv to read " + metric + " from");
        }
        List<String> lines = Files.readAllLines(history);
        List<String> header = Arrays.asList(lines.getFirst().split(","));
        int column = header.indexOf(metric);
        if (column < 0) {
            throw new IOException("history.csv has no column " + metric + "; it has " + header
                    + " (or name test_NAME for metrics.json)");
        }
        List<Double> curve = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            curve.add(column < cells.length && !cells[column].isBlank() ? Double.parseDouble(cells[column])
                    : Double.NaN);
        }
        return curve;
    }

    /** The objective: the curve's best value, or the test metric. */
    static double objective(Path run, String metric, Direction direction, List<Double> curve) throws IOException {
        if (!metric.startsWith("test_")) {
            double best = Double.NaN;
            for (double value : curve) {
                if (Double.isNaN(value)) {
                    return Double.NaN;
                }
                if (Double.isNaN(best) || direction.loss(value) < direction.loss(best)) {
                    best = value;
                }
            }
            return best;
        }
        String name = metric.substring("test_".length());
        Map<?, ?> metrics = (Map<?, ?>) JsonReader.parseDocument(Files.readAllBytes(run.resolve("metrics.json")));
        Map<?, ?> values = metrics.get("mean") instanceof Map<?, ?> mean ? mean : metrics;
        if (!values.containsKey(name)) {
            throw new IOException("metrics.json has no " + name + "; it has " + values.keySet());
        }
        Object value = values.get(name);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
