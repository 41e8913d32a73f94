package dev.nabla.examples;

import dev.nabla.data.text.BigramModel;
import dev.nabla.data.text.LanguageModelDataset;
import dev.nabla.data.text.TemperatureSampler;
import dev.nabla.data.text.Tokenizer;
import dev.nabla.data.text.Vocabulary;
import dev.nabla.tensor.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The data of a character-level language model on Moby Dick ({@code examples/data/moby-dick.txt.gz},
 * public domain) and the baseline it has to beat: the first 90 percent of the characters to
 * train on, the last 10 percent to validate on, the characters of the training part as the
 * vocabulary, sequences of 100 characters with their next characters as targets, and a
 * character bigram model's validation bits per character, with text sampled from it at a
 * temperature.
 *
 * <pre>
 * java ... dev.nabla.examples.MobyDickCharacters [--limit CHARACTERS]
 * </pre>
 */
public final class MobyDickCharacters {

    static final int SEQUENCE_LENGTH = 100;

    private MobyDickCharacters() {
    }

    public static void main(String[] args) throws IOException {
        run(ExampleOptions.parse(args, 1));
    }

    /** Reads and cuts the text; returns its sizes and the bigram model's validation bits per character. */
    static Map<String, Double> run(ExampleOptions options) throws IOException {
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ExampleData.file("moby-dick.txt.gz")))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (options.limit() > 0 && options.limit() < text.length()) {
            text = text.substring(0, options.limit());
        }
        Tokenizer characters = new Tokenizer(Tokenizer.Level.CHARACTER, false, Tokenizer.Punctuation.KEEP);
        List<String> tokens = characters.tokenize(text);          // runs of white space become one space
        int cut = (int) (tokens.size() * 0.9);
        Vocabulary vocabulary = Vocabulary.build(List.of(tokens.subList(0, cut)), 1, 0);
        int[] train = vocabulary.encode(tokens.subList(0, cut));
        int[] validation = vocabulary.encode(tokens.subList(cut, tokens.size()));
        var sequences = new LanguageModelDataset(train, SEQUENCE_LENGTH, SEQUENCE_LENGTH);

        BigramModel bigrams = BigramModel.fit(train, vocabulary.size(), 0.1);
        double bits = bigrams.bitsPerToken(validation);
        System.out.printf(Locale.ROOT, "%d characters (%d distinct), %d training sequences of %d; bigram validation"
                + " bits per character %.3f%n", tokens.size(), vocabulary.size() - 2, sequences.size(),
                SEQUENCE_LENGTH, bits);
        System.out.println("bigram sample at temperature 0.8: " + sample(bigrams, vocabulary, "The whale", 80));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("characters", (double) tokens.size());
        figures.put("sequences", (double) sequences.size());
        figures.put("bigram_bits_per_character", bits);
        return figures;
    }

    /** {@code length} characters after {@code start}, each drawn from the bigram model at temperature 0.8. */
    private static String sample(BigramModel bigrams, Vocabulary vocabulary, String start, int length) {
        TemperatureSampler sampler = new TemperatureSampler(0.8, new Generator(1));
        StringBuilder out = new StringBuilder(start);
        int previous = vocabulary.index(start.substring(start.length() - 1));
        float[] logits = new float[vocabulary.size()];
        for (int i = 0; i < length; i++) {
            for (int next = 0; next < logits.length; next++) {
                boolean special = next == Vocabulary.PAD_INDEX || next == Vocabulary.UNKNOWN_INDEX;
                logits[next] = special ? Float.NEGATIVE_INFINITY : (float) Math.log(bigrams.probability(previous, next));
            }
            previous = sampler.sample(logits);
            out.append(vocabulary.token(previous));
        }
        return out.toString();
    }
}
