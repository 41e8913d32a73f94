package dev.nabla.data.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level byte-pair encoding, as GPT-2's tokenizer: a text is cut into chunks (words with
 * their leading space, numbers, punctuation runs, white space; GPT-2's pattern), each chunk's
 * UTF-8 bytes are the starting tokens, and learnt merges join the most frequent adjacent pairs
 * into longer tokens. Every text encodes (no unknown token), and {@code decode(encode(s))} is
 * {@code s} for any well-formed text.
 *
 * <p>Ids follow {@link Vocabulary}'s layout: 0 is {@code <pad>}, 1 {@code <unk>} (never produced),
 * {@code 2 + b} is byte b, and merge i makes id {@code 258 + i}. {@link #train} learns merges on a
 * corpus until the vocabulary has the size asked for (or no pair occurs twice).
 *
 * <pre>{@code
 * BytePairEncoding codec = BytePairEncoding.train(corpus, 512);
 * int[] ids = codec.encode("Call me Ishmael.");   // fewer ids than characters
 * }</pre>
 */
public final class BytePairEncoding implements TextCodec {

    static final String KIND = "byte-pair";
    /** The id of byte 0; bytes take the next 256 ids. */
    public static final int FIRST_BYTE = 2;
    /** The vocabulary size before any merge: the two specials and the 256 bytes. */
    public static final int BASE_SIZE = FIRST_BYTE + 256;
    private static final Pattern CHUNKS = Pattern.compile(
            "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final int CACHE_LIMIT = 1 << 16;

    private final int[][] merges;
    private final Map<Long, Integer> ranks = new HashMap<>();
    private final byte[][] tokenBytes;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /** A codec with these merges: pair i (two ids) makes id {@code 258 + i}. */
    public BytePairEncoding(int[][] merges) {
        this.merges = new int[merges.length][];
        tokenBytes = new byte[BASE_SIZE + merges.length][];
        tokenBytes[0] = new byte[0];
        tokenBytes[1] = "\uFFFD".getBytes(StandardCharsets.UTF_8);
        for (int b = 0; b < 256; b++) {
            tokenBytes[FIRST_BYTE + b] = new byte[] {(byte) b};
        }
        for (int i = 0; i < merges.length; i++) {
            int[] pair = merges[i];
            int id = BASE_SIZE + i;
            if (pair.length != 2 || pair[0] < FIRST_BYTE || pair[1] < FIRST_BYTE || pair[0] >= id || pair[1] >= id) {
                throw new IllegalArgumentException("BytePairEncoding: merge " + i + " must join two earlier tokens"
                        + " (ids from " + FIRST_BYTE + " to " + (id - 1) + "), got " + Arrays.toString(pair));
            }
            if (ranks.putIfAbsent(key(pair[0], pair[1]), i) != null) {
                throw new IllegalArgumentException("BytePairEncoding: merge " + i + " repeats the pair "
                        + Arrays.toString(pair));
            }
            this.merges[i] = pair.clone();
            byte[] left = tokenBytes[pair[0]];
            byte[] right = tokenBytes[pair[1]];
            tokenBytes[id] = Arrays.copyOf(left, left.length + right.length);
            System.arraycopy(right, 0, tokenBytes[id], left.length, right.length);
        }
    }

    /**
     * Learns merges on {@code corpus} until there are {@code vocabularySize} ids (at least 258), or
     * no pair of tokens occurs twice. The most frequent pair is merged first; ties go to the
     * smaller ids, so training is deterministic.
     */
    public static BytePairEncoding train(String corpus, int vocabularySize) {
        if (vocabularySize < BASE_SIZE) {
            throw new IllegalArgumentException("BytePairEncoding: the vocabulary size must be at least " + BASE_SIZE
                    + " (pad, unknown and the 256 bytes), got " + vocabularySize);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        chunks(corpus).forEach(chunk -> counts.merge(chunk, 1, Integer::sum));
        List<int[]> words = new ArrayList<>();
        long[] frequencies = new long[counts.size()];
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            frequencies[words.size()] = entry.getValue();
            words.add(bytes(entry.getKey()));
        }
        List<int[]> merges = new ArrayList<>();
        while (BASE_SIZE + merges.size() < vocabularySize) {
            Map<Long, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] word = words.get(w);
                for (int i = 0; i + 1 < word.length; i++) {
                    pairs.merge(key(word[i], word[i + 1]), frequencies[w], Long::sum);
                }
            }
            long best = -1;
            long bestCount = 1;
            for (Map.Entry<Long, Long> pair : pairs.entrySet()) {
                if (pair.getValue() > bestCount || pair.getValue() == bestCount && best >= 0 && pair.getKey() < best) {
                    best = pair.getKey();
                    bestCount = pair.getValue();
                }
            }
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            int id = BASE_SIZE + merges.size();
            merges.add(new int[] {left, right});
            words.replaceAll(word -> merge(word, left, right, id));
        }
        return new BytePairEncoding(merges.toArray(int[][]::new));
    }

    @Override
    public int[] encode(String text) {
        List<int[]> pieces = new ArrayList<>();
        int total = 0;
        for (String chunk : chunks(text)) {
            int[] ids = cache.get(chunk);
            if (ids == null) {
                ids = encodeChunk(chunk);
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(chunk, ids);
            }
            pieces.add(ids);
            total += ids.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }

    /** A chunk's bytes, merged pair by pair, the earliest-learnt applicable merge first (GPT-2's order). */
    private int[] encodeChunk(String chunk) {
        int[] word = bytes(chunk);
        while (word.length > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < word.length; i++) {
                Integer rank = ranks.get(key(word[i], word[i + 1]));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            word = merge(word, merges[bestRank][0], merges[bestRank][1], BASE_SIZE + bestRank);
        }
        return word;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            bytes.writeBytes(bytesOf(id));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabularySize() {
        return tokenBytes.length;
    }

    /** The bytes of a token as UTF-8 text (a token that cuts a character in two shows U+FFFD). */
    @Override
    public String token(int id) {
        return new String(bytesOf(id), StandardCharsets.UTF_8);
    }

    /** The bytes that {@code id} stands for. */
    public byte[] bytesOf(int id) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IndexOutOfBoundsException("BytePairEncoding: id " + id + " is out of range for "
                    + tokenBytes.length + " ids");
        }
        return tokenBytes[id].clone();
    }

    /** The learnt merges in order, each the two ids it joins. */
    public int[][] merges() {
        return Arrays.stream(merges).map(int[]::clone).toArray(int[][]::new);
    }

    /** The header, then one merge per line: the two ids it joins. */
    @Override
    public String save() {
        StringBuilder out = new StringBuilder(HEADER + KIND + "\n");
        for (int[] pair : merges) {
            out.append(pair[0]).append(' ').append(pair[1]).append('\n');
        }
        return out.toString();
    }

    static BytePairEncoding parse(String body) {
        List<int[]> merges = new ArrayList<>();
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] parts = lines[i].strip().split(" ");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException("expected two ids");
                }
                merges.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("saved byte-pair tokenizer: merge line " + (i + 1) + " is not two"
                        + " ids: '" + lines[i] + "'");
            }
        }
        return new BytePairEncoding(merges.toArray(int[][]::new));
    }

    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = CHUNKS.matcher(text);
        while (matcher.find()) {
            chunks.add(matcher.group());
        }
        return chunks;
    }

    private static int[] bytes(String chunk) {
        byte[] utf8 = chunk.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = FIRST_BYTE + (utf8[i] & 0xff);
        }
        return ids;
    }

    /** {@code word} with every occurrence of (left, right), from the left, replaced by {@code id}. */
    private static int[] merge(int[] word, int left, int right, int id) {
        int[] out = new int[word.length];
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[n++] = id;
                i++;
            } else {
                out[n++] = word[i];
            }
        }
        return n == word.length ? word : Arrays.copyOf(out, n);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    @Override
    public String toString() {
        return "BytePairEncoding(" + vocabularySize() + " ids, " + merges.length + " merges)";
    }
}
