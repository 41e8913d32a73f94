package dev.nabla.tabular;

import dev.nabla.io.JsonWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every metric of every fold of a cross-validation, with their mean and standard deviation
 * over the folds (the population standard deviation, NumPy's {@code std}, as scikit-learn's
 * examples report {@code scores.mean()} and {@code scores.std()}).
 *
 * @param folds each fold's metrics by name, in fold order
 */
public record CrossValidationResult(List<Map<String, Double>> folds) {

    /** Copies the maps, keeping their order. */
    public CrossValidationResult {
        folds = folds.stream().map(f -> Collections.unmodifiableMap(new LinkedHashMap<>(f))).toList();
    }

    /** The metrics' names: the first fold's order, then any others. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        folds.forEach(f -> names.addAll(f.keySet()));
        return List.copyOf(names);
    }

    /** The metric's values, one per fold (NaN where a fold lacks it). */
    public double[] values(String metric) {
        return folds.stream().mapToDouble(f -> f.getOrDefault(metric, Double.NaN)).toArray();
    }

    /** The mean over the folds. */
    public double mean(String metric) {
        return Statistics.mean(values(metric));
    }

    /** The population standard deviation over the folds. */
    public double std(String metric) {
        double[] values = values(metric);
        return Math.sqrt(Statistics.variance(values, Statistics.mean(values)));
    }

    /**
     * A table for the console, a row per fold and a last row of mean ± std:
     * <pre>
     * fold  accuracy         loss
     * 1     0.9649           0.1021
     * ...
     * mean  0.9701 ± 0.0123  0.0950 ± 0.0101
     * </pre>
     */
    public String table() {
        List<String> names = metricNames();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("fold"));
        header.addAll(names);
        rows.add(header);
        for (int k = 0; k < folds.size(); k++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(k + 1)));
            for (String name : names) {
                row.add(String.format(Locale.ROOT, "%.4f", values(name)[k]));
            }
            rows.add(row);
        }
        List<String> summary = new ArrayList<>(List.of("mean"));
        names.forEach(n -> summary.add(String.format(Locale.ROOT, "%.4f ± %.4f", mean(n), std(n))));
        rows.add(summary);
        int[] widths = new int[header.size()];
        rows.forEach(r -> {
            for (int j = 0; j < r.size(); j++) {
                widths[j] = Math.max(widths[j], r.get(j).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < row.size(); j++) {
                line.append(j == 0 ? "" : "  ").append(String.format("%-" + widths[j] + "s", row.get(j)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * The result as JSON: {@code {"folds": [{"loss": ..., "accuracy": ...}, ...], "mean": {...},
     * "std": {...}}}; a value that is not finite (an undefined AUC) is null.
     */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folds", folds.stream().map(JsonWriter::finiteOrNull).toList());
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> stds = new LinkedHashMap<>();
        for (String name : metricNames()) {
            means.put(name, mean(name));
            stds.put(name, std(name));
        }
        json.put("mean", JsonWriter.finiteOrNull(means));
        json.put("std", JsonWriter.finiteOrNull(stds));
        return Transforms.json(json);
    }
}
