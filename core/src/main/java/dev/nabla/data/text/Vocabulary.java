package dev.nabla.data.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens numbered from 0: {@code <pad>} is 0, {@code <unk>} (any token not in the vocabulary)
 * is 1, then the known tokens (torchtext's {@code build_vocab_from_iterator} with specials,
 * Keras's {@code StringLookup}). Immutable.
 *
 * <pre>{@code
 * Vocabulary vocabulary = Vocabulary.build(texts.stream().map(tokenizer::tokenize).toList(), 2, 20_000);
 * int[] ids = vocabulary.encode(tokenizer.tokenize("a new sentence"));
 * }</pre>
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String UNKNOWN = "<unk>";
    public static final int PAD_INDEX = 0;
    public static final int UNKNOWN_INDEX = 1;

    private final List<String> tokens;
    private final Map<String, Integer> indices;

    /** {@code <pad>}, {@code <unk>}, then {@code tokens} in this order (duplicates and the two specials skipped). */
    public Vocabulary(List<String> tokens) {
        List<String> all = new ArrayList<>(List.of(PAD, UNKNOWN));
        Map<String, Integer> index = new HashMap<>(Map.of(PAD, PAD_INDEX, UNKNOWN, UNKNOWN_INDEX));
        for (String token : tokens) {
            if (token == null) {
                throw new IllegalArgumentException("Vocabulary: a token is null");
            }
            if (index.putIfAbsent(token, all.size()) == null) {
                all.add(token);
            }
        }
        this.tokens = List.copyOf(all);
        this.indices = Map.copyOf(index);
    }

    /**
     * The tokens of a tokenised corpus that occur at least {@code minFrequency} times, most
     * frequent first (ties in order of first appearance), at most {@code maxSize} entries
     * counting {@code <pad>} and {@code <unk>} (0: no limit).
     */
    public static Vocabulary build(Iterable<? extends List<String>> documents, int minFrequency, int maxSize) {
        if (minFrequency < 1 || maxSize < 0 || maxSize == 1) {
            throw new IllegalArgumentException("Vocabulary.build: the minimum frequency must be at least 1 and the"
                    + " maximum size 0 (no limit) or at least 2, got " + minFrequency + " and " + maxSize);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (List<String> document : documents) {
            for (String token : document) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<String> kept = counts.entrySet().stream()
                .filter(e -> e.getValue() >= minFrequency && !e.getKey().equals(PAD) && !e.getKey().equals(UNKNOWN))
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .limit(maxSize == 0 ? Long.MAX_VALUE : maxSize - 2)
                .toList();
        return new Vocabulary(kept);
    }

    /** The number of entries, {@code <pad>} and {@code <unk>} included. */
    public int size() {
        return tokens.size();
    }

    /** All entries in index order, {@code <pad>} and {@code <unk>} first. */
    public List<String> tokens() {
        return tokens;
    }

    /** The index of {@code token}, or {@link #UNKNOWN_INDEX} if it is not in the vocabulary. */
    public int index(String token) {
        return indices.getOrDefault(token, UNKNOWN_INDEX);
    }

    /** Whether {@code token} has an index of its own. */
    public boolean contains(String token) {
        return indices.containsKey(token);
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw new IndexOutOfBoundsException("Vocabulary: index " + index + " is out of range for "
                    + tokens.size() + " tokens");
        }
        return tokens.get(index);
    }

    /** The index of each token. */
    public int[] encode(List<String> tokens) {
        return tokens.stream().mapToInt(this::index).toArray();
    }

    /** The tokens of these indices, {@code <pad>} left out. */
    public List<String> decode(int[] ids) {
        List<String> decoded = new ArrayList<>();
        for (int id : ids) {
            if (id != PAD_INDEX) {
                decoded.add(token(id));
            }
        }
        return decoded;
    }

    /** Writes the entries one per line, in index order (UTF-8), replacing the file atomically. */
    public void write(Path file) throws IOException {
        for (String token : tokens) {
            if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                throw new IOException(file + ": cannot write the token '" + token.strip()
                        + "' one per line: it holds a line break");
            }
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, tokens, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads a vocabulary written by {@link #write}: the first two lines must be {@code <pad>} and {@code <unk>}. */
    public static Vocabulary read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(PAD) || !lines.get(1).equals(UNKNOWN)) {
            throw new IOException(file + ": not a vocabulary file: it must start with the lines " + PAD + " and "
                    + UNKNOWN + ", then one token per line");
        }
        if (lines.stream().distinct().count() != lines.size()) {
            throw new IOException(file + ": a token appears on more than one line");
        }
        return new Vocabulary(lines.subList(2, lines.size()));
    }

    @Override
    public String toString() {
        return "Vocabulary(" + tokens.size() + " tokens: " + String.join(" ", tokens.subList(0, Math.min(10,
                tokens.size()))) + (tokens.size() > 10 ? " ..." : "") + ")";
    }
}
