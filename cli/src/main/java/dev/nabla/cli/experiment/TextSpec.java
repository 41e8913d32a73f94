package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.io.JsonReader;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.CsvOptions;
import dev.nabla.tabular.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text side of the {@code data} section: labelled texts in a CSV file (with a header) or a
 * JSON file (an array of objects), which column holds the text and which the label, how texts
 * become tokens, and how many rows are held out to test.
 *
 * @param file           the file, relative to the experiment file
 * @param textColumn     the column (CSV) or field (JSON) holding the texts
 * @param labelColumn    the column or field holding the labels
 * @param tokenizer      how a text is split into tokens
 * @param maxTokens      the vocabulary's size, {@code <pad>} and {@code <unk>} included (0: every token)
 * @param minFrequency   the fewest times a training token must occur to get an id of its own
 * @param sequenceLength the ids per text, padded or cut at the end; 0 for the longest training text
 * @param testSplit      the fraction of rows held out to test, stratified by label
 * @param baseline       whether to print a bag-of-words logistic regression's test accuracy beside the model's
 * @param wordVectors    pretrained word vectors for the model's embedding ({@code word_vectors}), or null
 * @param node           the section, for errors found once the file is read
 */
public record TextSpec(Path file, String textColumn, String labelColumn, Tokenizer tokenizer, int maxTokens,
                       int minFrequency, int sequenceLength, double testSplit, boolean baseline,
                       WordVectorsSpec wordVectors, ConfigNode node) {

    /** The keys a text data section takes besides {@code validation_split} and {@code limit}. */
    static final List<String> KEYS = List.of("text", "text_column", "label_column", "tokenizer", "max_tokens",
            "min_frequency", "sequence_length", "test_split", "baseline", "word_vectors");

    /** Texts and their labels, in file order. */
    record LabelledTexts(List<String> texts, List<String> labels) {
    }

    static TextSpec parse(ConfigMap map) {
        ConfigNode split = map.get("test_split");
        double testSplit = split == null ? 0.2 : split.asDouble();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw split.error("expected a fraction between 0 and 1 (both excluded), got " + split.describe());
        }
        ConfigNode maxTokens = map.get("max_tokens");
        int tokens = maxTokens == null ? 0 : maxTokens.asInt(0);
        if (tokens == 1 || tokens == 2) {
            throw maxTokens.error("expected 0 (every token) or more than 2 (ids 0 and 1 are padding and unknown"
                    + " tokens), got " + tokens);
        }
        return new TextSpec(Path.of(map.get("text").asString()), map.string("text_column", "text"),
                map.string("label_column", "label"), tokenizer(map.get("tokenizer")), tokens,
                map.integer("min_frequency", 1, 1), map.integer("sequence_length", 1, 0), testSplit,
                map.bool("baseline", false), map.has("word_vectors") ? WordVectorsSpec.parse(map.get("word_vectors"))
                : null, map.node());
    }

    private static Tokenizer tokenizer(ConfigNode node) {
        if (node == null) {
            return new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
        }
        ConfigMap map = node.asMap().allowOnly(List.of("level", "lowercase", "punctuation"));
        return new Tokenizer(choice(map.get("level"), Tokenizer.Level.values(), Tokenizer.Level.WORD),
                map.bool("lowercase", true),
                choice(map.get("punctuation"), Tokenizer.Punctuation.values(), Tokenizer.Punctuation.STRIP));
    }

    private static <E extends Enum<E>> E choice(ConfigNode node, E[] values, E fallback) {
        if (node == null) {
            return fallback;
        }
        for (E value : values) {
            if (value.name().equalsIgnoreCase(node.asString())) {
                return value;
            }
        }
        throw node.error("expected one of " + String.join(", ", java.util.Arrays.stream(values)
                .map(v -> v.name().toLowerCase(Locale.ROOT)).toList()) + ", got " + node.describe());
    }

    /** The same section with the file resolved against {@code directory} (the experiment file's). */
    TextSpec resolvedAgainst(Path directory) {
        return directory == null || file.isAbsolute() ? this : new TextSpec(directory.resolve(file).normalize(),
                textColumn, labelColumn, tokenizer, maxTokens, minFrequency, sequenceLength, testSplit, baseline,
                wordVectors == null ? null : wordVectors.resolvedAgainst(directory), node);
    }

    /**
     * The file's first {@code limit} rows (0: all) as texts and labels.
     *
     * @throws dev.nabla.cli.config.ConfigException when a column is absent, or a text or label is empty, naming the row
     */
    LabelledTexts read(int limit) throws IOException {
        LabelledTexts all = isJson() ? readJson() : readCsv();
        int rows = limit > 0 ? Math.min(limit, all.texts().size()) : all.texts().size();
        List<String> texts = all.texts().subList(0, rows);
        List<String> labels = all.labels().subList(0, rows);
        for (int row = 0; row < rows; row++) {
            String where = (isJson() ? "entry " + row : "row " + (row + 1)) + " of " + file;
            if (texts.get(row) == null || tokenizer.tokenize(texts.get(row)).isEmpty()) {
                throw problem("the text of " + where + " is empty" + (texts.get(row) == null ? "" : " (no token in '"
                        + texts.get(row) + "')") + "; every example needs a text: drop that row");
            }
            if (labels.get(row) == null || labels.get(row).isBlank()) {
                throw problem("the label of " + where + " is missing; every example needs its label: drop that row");
            }
        }
        if (rows == 0) {
            throw problem(file + " holds no examples");
        }
        return new LabelledTexts(List.copyOf(texts), List.copyOf(labels));
    }

    /** A mistake in the file: at the section when there is one, else (a model's file, read for evaluate) plainly. */
    private RuntimeException problem(String message) {
        return node != null ? node.error(message) : new IllegalArgumentException(message);
    }

    /** The columns and tokenizer of a model trained on texts, for reading another file of texts and labels. */
    static TextSpec forEvaluation(Path file, String textColumn, String labelColumn, Tokenizer tokenizer) {
        return new TextSpec(file, textColumn, labelColumn, tokenizer, 0, 1, 0, 0.2, false, null, null);
    }

    private boolean isJson() {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private LabelledTexts readCsv() throws IOException {
        Table table = Csv.read(file, CsvOptions.defaults().missingValues(""));
        for (String column : List.of(textColumn, labelColumn)) {
            if (!table.has(column)) {
                throw problem("the " + (column.equals(textColumn) ? "text" : "label") + " column '" + column
                        + "' is not in " + file + "; its columns: " + String.join(", ", table.columnNames())
                        + "; name it with " + (column.equals(textColumn) ? "text_column" : "label_column"));
            }
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            texts.add(table.column(textColumn).text(row));
            labels.add(table.column(labelColumn).text(row));
        }
        return new LabelledTexts(texts, labels);
    }

    private LabelledTexts readJson() throws IOException {
        Object document = JsonReader.parseDocument(Files.readAllBytes(file));
        if (!(document instanceof List<?> entries)) {
            throw problem(file + ": expected a JSON array of objects, one per example, such as [{\"" + textColumn
                    + "\": \"...\", \"" + labelColumn + "\": 1}, ...]");
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw problem(file + ": entry " + i + " is not an object");
            }
            for (String field : List.of(textColumn, labelColumn)) {
                if (!entry.containsKey(field)) {
                    throw problem("entry " + i + " of " + file + " has no field '" + field + "'; its fields: "
                            + String.join(", ", entry.keySet().stream().map(String::valueOf).toList()) + "; name it"
                            + " with " + (field.equals(textColumn) ? "text_column" : "label_column"));
                }
            }
            texts.add(entry.get(textColumn) == null ? null : String.valueOf(entry.get(textColumn)));
            labels.add(label(entry.get(labelColumn)));
        }
        return new LabelledTexts(texts, labels);
    }

    /** A label as text: 1.0 as 1, so that numbers and their text agree. */
    private static String label(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return value == null ? null : String.valueOf(value);
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", file.toAbsolutePath().normalize().toString());
        out.put("text_column", textColumn);
        out.put("label_column", labelColumn);
        out.put("tokenizer", PreprocessingSpec.settings("level", tokenizer.level().name().toLowerCase(Locale.ROOT),
                "lowercase", tokenizer.lowercase(), "punctuation",
                tokenizer.punctuation().name().toLowerCase(Locale.ROOT)));
        out.put("max_tokens", maxTokens);
        out.put("min_frequency", minFrequency);
        if (sequenceLength > 0) {
            out.put("sequence_length", sequenceLength);
        }
        out.put("test_split", testSplit);
        out.put("baseline", baseline);
        return out;
    }
}
