package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.text.NumberWords;
import dev.nabla.data.text.SequencePairs;
import dev.nabla.data.text.Tokenizer;
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

/**
 * The sequence-to-sequence side of the {@code data} section: pairs of source and target texts,
 * generated ({@code seq2seq: number_words}, {@code pairs} of them up to {@code largest}, drawn with
 * {@code seed}) or read from a CSV file ({@code seq2seq: pairs.csv} with a source and a target
 * column), how each side becomes tokens, how many pairs are held out to test, and how the test
 * pairs are decoded for their exact-match accuracy.
 *
 * @param task          the generated task's name, or null for a file
 * @param file          the CSV file, relative to the experiment file, or null for a generated task
 * @param sourceColumn  the CSV column of the sources
 * @param targetColumn  the CSV column of the targets
 * @param pairs         how many pairs a task generates
 * @param largest       the largest number of {@code number_words}
 * @param seed          the seed the pairs are drawn and split with
 * @param sourceTokens  how sources become tokens: words or characters
 * @param targetTokens  how targets become tokens
 * @param testSplit     the fraction of pairs held out to test
 * @param beamWidth     the beam width the test pairs are also decoded with
 * @param lengthPenalty the beam search's length normalisation exponent
 * @param node          the section, for errors found once the pairs are read
 */
public record Seq2SeqSpec(String task, Path file, String sourceColumn, String targetColumn, int pairs, int largest,
                          long seed, Tokenizer.Level sourceTokens, Tokenizer.Level targetTokens, double testSplit,
                          int beamWidth, float lengthPenalty, ConfigNode node) {

    /** The keys a sequence-to-sequence data section takes besides {@code validation_split} and {@code limit}. */
    static final List<String> KEYS = List.of("seq2seq", "source_column", "target_column", "pairs", "largest", "seed",
            "source_tokens", "target_tokens", "test_split", "beam_width", "length_penalty");
    /** The generated tasks. */
    static final List<String> TASKS = List.of("number_words");

    static Seq2SeqSpec parse(ConfigMap map) {
        ConfigNode source = map.get("seq2seq");
        String name = source.asString();
        boolean csv = name.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (!csv && !TASKS.contains(name)) {
            throw source.error("expected a generated task (" + String.join(", ", TASKS) + ") or a CSV file of pairs"
                    + " (ending in .csv), got " + source.describe());
        }
        ConfigNode split = map.get("test_split");
        double testSplit = split == null ? 0.1 : split.asDouble();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw split.error("expected a fraction between 0 and 1 (both excluded), got " + split.describe());
        }
        ConfigNode largest = map.get("largest");
        int largestNumber = largest == null ? 999_999 : largest.asInt(1);
        if (largestNumber > NumberWords.MAX) {
            throw largest.error("expected at most " + NumberWords.MAX + ", got " + largestNumber);
        }
        return new Seq2SeqSpec(csv ? null : name, csv ? Path.of(name) : null, map.string("source_column", "source"),
                map.string("target_column", "target"), map.integer("pairs", 2, 20_000), largestNumber,
                (long) map.number("seed", 1), level(map.get("source_tokens"), Tokenizer.Level.WORD),
                level(map.get("target_tokens"), Tokenizer.Level.CHARACTER), testSplit,
                map.integer("beam_width", 1, 4), (float) map.number("length_penalty", 1), map.node());
    }

    private static Tokenizer.Level level(ConfigNode node, Tokenizer.Level fallback) {
        if (node == null) {
            return fallback;
        }
        for (Tokenizer.Level level : Tokenizer.Level.values()) {
            if (level.name().equalsIgnoreCase(node.asString())) {
                return level;
            }
        }
        throw node.error("expected word or character, got " + node.describe());
    }

    /** The source tokenizer: lower case, punctuation a token of its own. */
    Tokenizer sourceTokenizer() {
        return new Tokenizer(sourceTokens, true, Tokenizer.Punctuation.SPLIT);
    }

    /** The target tokenizer: lower case, punctuation a token of its own. */
    Tokenizer targetTokenizer() {
        return new Tokenizer(targetTokens, true, Tokenizer.Punctuation.SPLIT);
    }

    /** The same section with the file resolved against {@code directory} (the experiment file's). */
    Seq2SeqSpec resolvedAgainst(Path directory) {
        return directory == null || file == null || file.isAbsolute() ? this : new Seq2SeqSpec(task,
                directory.resolve(file).normalize(), sourceColumn, targetColumn, pairs, largest, seed, sourceTokens,
                targetTokens, testSplit, beamWidth, lengthPenalty, node);
    }

    /** The task's name or the file, for messages. */
    String title() {
        return file != null ? file.toString() : task;
    }

    /**
     * The first {@code limit} pairs (0: all), generated or in file order.
     *
     * @throws dev.nabla.cli.config.ConfigException when a column is absent or a text empty, naming the row
     */
    SequencePairs read(int limit) throws IOException {
        SequencePairs all;
        try {
            all = file == null ? NumberWords.pairs(pairs, largest, seed) : readCsv();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        SequencePairs pairs = limit > 0 && limit < all.size() ? all.slice(0, limit) : all;
        if (pairs.size() < 2) {
            throw node.error(title() + " holds " + pairs.size() + " pairs; training and testing need at least 2");
        }
        return pairs;
    }

    private SequencePairs readCsv() throws IOException {
        Table table = Csv.read(file, CsvOptions.defaults().missingValues(""));
        for (String column : List.of(sourceColumn, targetColumn)) {
            if (!table.has(column)) {
                throw node.error("the column '" + column + "' is not in " + file + "; its columns: "
                        + String.join(", ", table.columnNames()) + "; name the pairs' columns with source_column and"
                        + " target_column");
            }
        }
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            String sourceText = table.column(sourceColumn).text(row);
            String targetText = table.column(targetColumn).text(row);
            if (sourceText == null || sourceText.isBlank() || targetText == null || targetText.isBlank()) {
                throw node.error("row " + (row + 1) + " of " + file + " has an empty source or target; every pair"
                        + " needs both: drop that row");
            }
            sources.add(sourceText);
            targets.add(targetText);
        }
        return new SequencePairs(sources, targets);
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (file != null) {
            out.put("seq2seq", file.toAbsolutePath().normalize().toString());
            out.put("source_column", sourceColumn);
            out.put("target_column", targetColumn);
        } else {
            out.put("seq2seq", task);
            out.put("pairs", pairs);
            out.put("largest", largest);
        }
        out.put("seed", seed);
        out.put("source_tokens", sourceTokens.name().toLowerCase(Locale.ROOT));
        out.put("target_tokens", targetTokens.name().toLowerCase(Locale.ROOT));
        out.put("test_split", testSplit);
        out.put("beam_width", beamWidth);
        out.put("length_penalty", Experiment.decimal(lengthPenalty));
        return out;
    }
}
