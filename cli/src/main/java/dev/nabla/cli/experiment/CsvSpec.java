package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.tabular.ColumnType;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.CsvOptions;
import dev.nabla.tabular.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The CSV side of the {@code data} section: the file (relative to the experiment file), how
 * to read it, the target and feature columns, the preprocessing, and how to test: a held-out
 * {@code test_split} or {@code cross_validation}.
 *
 * @param file            the CSV file
 * @param options         delimiter, quote, missing-value markers, declared types
 * @param target          the target column
 * @param features        the feature columns; null for every column but the target
 * @param preprocessing   the groups of columns and their steps
 * @param testSplit       the fraction of rows held out to test (stratified for a class target)
 * @param crossValidation the folds, or null to train once and test on the held-out rows
 * @param node            the section, for errors found once the data is read
 */
public record CsvSpec(Path file, CsvOptions options, String target, List<String> features,
                      PreprocessingSpec preprocessing, double testSplit, CrossValidationSpec crossValidation,
                      ConfigNode node) {

    /** The keys a CSV data section takes besides {@code validation_split} and {@code limit}. */
    static final List<String> KEYS = List.of("csv", "target", "features", "delimiter", "quote", "missing_values",
            "types", "preprocessing", "test_split", "cross_validation");

    /**
     * How to cross-validate.
     *
     * @param folds      the number of folds, at least 2
     * @param stratified whether every fold keeps each class's share (for a class target)
     * @param shuffle    whether rows are dealt to folds at random (else in file order)
     * @param seed       the seed of that draw
     */
    public record CrossValidationSpec(int folds, boolean stratified, boolean shuffle, long seed) {
    }

    static CsvSpec parse(ConfigMap map) {
        CsvOptions options = CsvOptions.defaults();
        if (map.has("delimiter")) {
            options = options.delimiter(character(map.get("delimiter")));
        }
        if (map.has("quote")) {
            options = options.quote(character(map.get("quote")));
        }
        if (map.has("missing_values")) {
            options = options.missingValues(map.get("missing_values").asListOrOne().stream()
                    .map(CsvSpec::text).toArray(String[]::new));
        }
        if (map.has("types")) {
            ConfigMap types = map.get("types").asMap();
            for (String column : types.keys()) {
                String type = types.get(column).asString();
                if (!type.equals("numeric") && !type.equals("categorical")) {
                    throw types.get(column).error("expected 'numeric' or 'categorical', got '" + type + "'");
                }
                options = options.type(column, ColumnType.valueOf(type.toUpperCase(Locale.ROOT)));
            }
        }
        List<String> features = map.has("features") ? map.get("features").asList().stream().map(ConfigNode::asString)
                .toList() : null;
        ConfigNode split = map.get("test_split");
        double testSplit = split == null ? 0.2 : split.asDouble();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw split.error("expected a fraction between 0 and 1 (both excluded), got " + split.describe());
        }
        return new CsvSpec(Path.of(map.get("csv").asString()), options, map.require("target").asString(), features,
                map.has("preprocessing") ? PreprocessingSpec.parse(map.get("preprocessing"))
                        : PreprocessingSpec.defaults(), testSplit,
                map.has("cross_validation") ? crossValidation(map.get("cross_validation")) : null, map.node());
    }

    private static CrossValidationSpec crossValidation(ConfigNode node) {
        ConfigMap map = node.asMap().allowOnly(List.of("folds", "stratified", "shuffle", "seed"));
        return new CrossValidationSpec(map.integer("folds", 2, 5), map.bool("stratified", true),
                map.bool("shuffle", true), map.has("seed") ? map.get("seed").asInt() : 1);
    }

    private static char character(ConfigNode node) {
        String text = node.asString();
        if (text.length() != 1) {
            throw node.error("expected one character, got " + node.describe());
        }
        return text.charAt(0);
    }

    /** A missing-value marker: text, or a number or null that YAML read as such ({@code NA} stays text). */
    private static String text(ConfigNode node) {
        Object value = node.value();
        return value == null ? "" : value instanceof String s ? s : node.describe();
    }

    /** The same section with the file resolved against {@code directory} (the experiment file's). */
    CsvSpec resolvedAgainst(Path directory) {
        return directory == null || file.isAbsolute() ? this : new CsvSpec(directory.resolve(file).normalize(), options,
                target, features, preprocessing, testSplit, crossValidation, node);
    }

    /** Reads the file, keeping the first {@code limit} rows (0: all), and checks the target and features. */
    Table read(int limit) throws IOException {
        Table table = Csv.read(file, options);
        if (limit > 0 && limit < table.rowCount()) {
            table = table.rows(IntStream.range(0, limit).toArray());
        }
        if (!table.has(target)) {
            throw node.error("the target column '" + target + "' is not in " + file + "; its columns: "
                    + String.join(", ", table.columnNames()));
        }
        int missing = table.column(target).firstMissing();
        if (missing >= 0) {
            throw node.error("the target column '" + target + "' has " + table.column(target).missingCount()
                    + " missing values (the first in row " + missing + " of " + file + "); every example needs its"
                    + " target: drop those rows");
        }
        for (String feature : featureNames(table)) {
            if (!table.has(feature)) {
                throw node.error("the feature column '" + feature + "' is not in " + file + "; its columns: "
                        + String.join(", ", table.columnNames()));
            }
        }
        return table;
    }

    /** The feature columns: as listed, or every column but the target. */
    List<String> featureNames(Table table) {
        if (features != null) {
            return features;
        }
        List<String> all = new ArrayList<>(table.columnNames());
        all.remove(target);
        return all;
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("csv", file.toAbsolutePath().normalize().toString());
        out.put("target", target);
        if (features != null) {
            out.put("features", features);
        }
        out.put("delimiter", String.valueOf(options.delimiter()));
        out.put("quote", String.valueOf(options.quote()));
        out.put("missing_values", options.missingValues());
        Map<String, Object> types = new LinkedHashMap<>();
        options.types().forEach((k, v) -> types.put(k, v.name().toLowerCase(Locale.ROOT)));
        if (!types.isEmpty()) {
            out.put("types", types);
        }
        out.put("preprocessing", preprocessing.resolved());
        if (crossValidation == null) {
            out.put("test_split", testSplit);
        } else {
            CrossValidationSpec cv = crossValidation;
            out.put("cross_validation", PreprocessingSpec.settings("folds", cv.folds(), "stratified", cv.stratified(),
                    "shuffle", cv.shuffle(), "seed", cv.seed()));
        }
        return out;
    }
}
