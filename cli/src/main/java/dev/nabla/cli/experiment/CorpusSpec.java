package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.data.text.BytePairEncoding;
import dev.nabla.data.text.CharacterCodec;
import dev.nabla.data.text.TextCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The language-model side of the {@code data} section: one text file (UTF-8, or gzip-compressed
 * when its name ends in {@code .gz}) for a model that predicts each next token, how its text
 * becomes token ids, and how long the training sequences are.
 *
 * @param file               the text file, relative to the experiment file
 * @param tokenizer          {@code char} (one id per character) or {@code bpe} (byte-level byte-pair encoding)
 * @param vocabularySize     bpe: the ids learnt (at least 258); char: 0 (every character of the training text)
 * @param collapseWhitespace char: whether every run of white space is one space
 * @param contextLength      the ids in a training sequence, each with the id after it as its target
 * @param stride             the ids between the starts of consecutive training sequences
 * @param testSplit          the fraction of the text, at its end, held out to test
 * @param node               the section, for errors found once the file is read
 */
public record CorpusSpec(Path file, String tokenizer, int vocabularySize, boolean collapseWhitespace,
                         int contextLength, int stride, double testSplit, ConfigNode node) {

    /** The keys a language-model data section takes besides {@code validation_split} and {@code limit}. */
    static final List<String> KEYS = List.of("corpus", "tokenizer", "vocabulary_size", "collapse_whitespace",
            "context_length", "stride", "test_split");

    static CorpusSpec parse(ConfigMap map) {
        ConfigNode split = map.get("test_split");
        double testSplit = split == null ? 0.1 : split.asDouble();
        if (!(testSplit > 0 && testSplit < 1)) {
            throw split.error("expected a fraction between 0 and 1 (both excluded), got " + split.describe());
        }
        String tokenizer = map.string("tokenizer", "char").toLowerCase(Locale.ROOT);
        if (!tokenizer.equals("char") && !tokenizer.equals("bpe")) {
            throw map.get("tokenizer").error("expected char (one id per character) or bpe (byte-pair encoding), got '"
                    + tokenizer + "'");
        }
        int vocabulary = map.integer("vocabulary_size", 0, tokenizer.equals("bpe") ? 512 : 0);
        if (tokenizer.equals("bpe") && vocabulary < BytePairEncoding.BASE_SIZE) {
            throw map.get("vocabulary_size").error("a byte-pair encoding needs at least " + BytePairEncoding.BASE_SIZE
                    + " ids (padding, unknown and the 256 bytes), got " + vocabulary);
        }
        if (tokenizer.equals("char") && vocabulary != 0) {
            throw map.get("vocabulary_size").error("a character tokenizer takes every character of the training text;"
                    + " leave vocabulary_size out (or use tokenizer: bpe)");
        }
        if (tokenizer.equals("bpe") && map.has("collapse_whitespace")) {
            throw map.get("collapse_whitespace").error("collapse_whitespace is for tokenizer: char; a byte-pair"
                    + " encoding keeps the text exactly");
        }
        int context = map.require("context_length").asInt(1);
        return new CorpusSpec(Path.of(map.get("corpus").asString()), tokenizer, vocabulary,
                map.bool("collapse_whitespace", false), context, map.integer("stride", 1, context), testSplit,
                map.node());
    }

    /** The same section with the file resolved against {@code directory} (the experiment file's). */
    CorpusSpec resolvedAgainst(Path directory) {
        return directory == null || file.isAbsolute() ? this : new CorpusSpec(directory.resolve(file).normalize(),
                tokenizer, vocabularySize, collapseWhitespace, contextLength, stride, testSplit, node);
    }

    /** The file's text, its first {@code limit} characters (0: all). */
    String read(int limit) throws IOException {
        String text;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return limit > 0 && limit < text.length() ? text.substring(0, limit) : text;
    }

    /** The tokenizer learnt on the training text. */
    TextCodec fit(String trainingText) {
        return tokenizer.equals("bpe") ? BytePairEncoding.train(trainingText, vocabularySize)
                : CharacterCodec.fit(trainingText, collapseWhitespace);
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpus", file.toAbsolutePath().normalize().toString());
        out.put("tokenizer", tokenizer);
        if (tokenizer.equals("bpe")) {
            out.put("vocabulary_size", vocabularySize);
        } else {
            out.put("collapse_whitespace", collapseWhitespace);
        }
        out.put("context_length", contextLength);
        out.put("stride", stride);
        out.put("test_split", testSplit);
        return out;
    }
}
