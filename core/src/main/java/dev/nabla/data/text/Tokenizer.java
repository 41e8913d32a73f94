package dev.nabla.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens: words or single characters (Keras's {@code Tokenizer} with or
 * without {@code char_level}, PyTorch's {@code basic_english}).
 *
 * <p>At word level a word is a run of letters and digits (any script), with apostrophes
 * inside it kept ({@code don't}); whitespace separates words, and punctuation — every other
 * character — is, by {@link Punctuation}, a token of its own, removed, or kept attached to
 * the word it touches. At character level every character is a token, each run of
 * whitespace becomes one space, and punctuation is kept or removed ({@code SPLIT} and
 * {@code KEEP} both keep it).
 *
 * <pre>{@code
 * Tokenizer.words().tokenize("Don't panic, Arthur!")   // [don't, panic, ",", arthur, "!"]
 * }</pre>
 */
public record Tokenizer(Level level, boolean lowercase, Punctuation punctuation) {

    /** What a token is. */
    public enum Level { WORD, CHARACTER }

    /** What happens to punctuation. */
    public enum Punctuation {
        /** Each punctuation character is a token of its own. */
        SPLIT,
        /** Punctuation is removed (at word level it still separates words). */
        STRIP,
        /** Punctuation stays inside the whitespace-separated token it belongs to. */
        KEEP
    }

    public Tokenizer {
        if (level == null || punctuation == null) {
            throw new IllegalArgumentException("Tokenizer: the level and the punctuation handling are required");
        }
    }

    /** Lower-case words, punctuation marks as tokens of their own. */
    public static Tokenizer words() {
        return new Tokenizer(Level.WORD, true, Punctuation.SPLIT);
    }

    /** Lower-case characters, punctuation kept. */
    public static Tokenizer characters() {
        return new Tokenizer(Level.CHARACTER, true, Punctuation.SPLIT);
    }

    /** The tokens of {@code text}, in order. */
    public List<String> tokenize(String text) {
        String source = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        int[] codePoints = source.codePoints().toArray();
        return level == Level.WORD ? words(codePoints) : characters(codePoints);
    }

    /** Tokens back into text: words separated by spaces, characters joined. */
    public String join(List<String> tokens) {
        return String.join(level == Level.WORD ? " " : "", tokens);
    }

    private List<String> words(int[] codePoints) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (Character.isWhitespace(c)) {
                flush(word, tokens);
            } else if (isWordPart(c) || punctuation == Punctuation.KEEP
                    || isApostrophe(c) && !word.isEmpty() && i + 1 < codePoints.length && isWordPart(codePoints[i + 1])
                    && isWordPart(word.codePointBefore(word.length()))) {
                word.appendCodePoint(c);
            } else {
                flush(word, tokens);
                if (punctuation == Punctuation.SPLIT) {
                    tokens.add(Character.toString(c));
                }
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private List<String> characters(int[] codePoints) {
        List<String> tokens = new ArrayList<>();
        for (int c : codePoints) {
            if (Character.isWhitespace(c)) {
                if (tokens.isEmpty() || !tokens.getLast().equals(" ")) {
                    tokens.add(" ");
                }
            } else if (isWordPart(c) || punctuation != Punctuation.STRIP) {
                tokens.add(Character.toString(c));
            }
        }
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    /** Letters, digits and the marks that combine with them (accents written as separate characters). */
    private static boolean isWordPart(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019';
    }
}
