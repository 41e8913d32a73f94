package dev.nabla.data.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One id per character (Unicode code point): the character-level tokenizer of a language model
 * such as Karpathy's char-rnn. The ids follow {@link Vocabulary}: 0 is {@code <pad>}, 1 is
 * {@code <unk>} (a character the corpus did not have), then the corpus's characters, most
 * frequent first. {@code decode(encode(s))} is {@code s} for a text made of known characters
 * (an unknown one decodes as U+FFFD); with {@code collapseWhitespace}, as {@link Tokenizer}'s
 * character level does, every run of white space is one space instead.
 *
 * <pre>{@code
 * CharacterCodec codec = CharacterCodec.fit("Call me Ishmael.", false);
 * codec.decode(codec.encode("Ishmael"));   // "Ishmael"
 * }</pre>
 */
public final class CharacterCodec implements TextCodec {

    static final String KIND = "character";
    private static final String UNKNOWN_TEXT = "\uFFFD";

    private final Vocabulary vocabulary;
    private final boolean collapseWhitespace;

    /** A codec for the characters of {@code vocabulary}, each token one character. */
    public CharacterCodec(Vocabulary vocabulary, boolean collapseWhitespace) {
        for (String token : vocabulary.tokens().subList(2, vocabulary.size())) {
            if (token.codePointCount(0, token.length()) != 1) {
                throw new IllegalArgumentException("CharacterCodec: every token must be one character, got '"
                        + token + "'");
            }
        }
        this.vocabulary = vocabulary;
        this.collapseWhitespace = collapseWhitespace;
    }

    /** The characters of {@code corpus}, most frequent first; white space runs folded to a space if asked. */
    public static CharacterCodec fit(String corpus, boolean collapseWhitespace) {
        List<String> characters = split(corpus, collapseWhitespace);
        if (characters.isEmpty()) {
            throw new IllegalArgumentException("CharacterCodec: the corpus is empty");
        }
        return new CharacterCodec(Vocabulary.build(List.of(characters), 1, 0), collapseWhitespace);
    }

    private static List<String> split(String text, boolean collapseWhitespace) {
        if (collapseWhitespace) {
            return new Tokenizer(Tokenizer.Level.CHARACTER, false, Tokenizer.Punctuation.KEEP).tokenize(text);
        }
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    @Override
    public int[] encode(String text) {
        return vocabulary.encode(split(text, collapseWhitespace));
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(token(id));
        }
        return text.toString();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** The character of {@code id}: empty for {@code <pad>}, U+FFFD for {@code <unk>}. */
    @Override
    public String token(int id) {
        return id == Vocabulary.PAD_INDEX ? "" : id == Vocabulary.UNKNOWN_INDEX ? UNKNOWN_TEXT : vocabulary.token(id);
    }

    /** The characters and their ids. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Whether runs of white space become one space. */
    public boolean collapsesWhitespace() {
        return collapseWhitespace;
    }

    /** The header, then {@code collapse_whitespace true|false}, then the code points of ids 2, 3, ... on one line. */
    @Override
    public String save() {
        StringBuilder out = new StringBuilder(HEADER + KIND + "\ncollapse_whitespace " + collapseWhitespace + "\n");
        List<String> tokens = vocabulary.tokens();
        for (int i = 2; i < tokens.size(); i++) {
            out.append(i > 2 ? " " : "").append(tokens.get(i).codePointAt(0));
        }
        return out.append('\n').toString();
    }

    static CharacterCodec parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 2 || !lines[0].startsWith("collapse_whitespace ")) {
            throw new IllegalArgumentException("saved character tokenizer: expected a line 'collapse_whitespace"
                    + " true|false' and a line of code points");
        }
        List<String> characters = new ArrayList<>();
        try {
            for (String number : lines[1].isBlank() ? new String[0] : lines[1].strip().split(" ")) {
                characters.add(Character.toString(Integer.parseInt(number)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("saved character tokenizer: the line of code points holds something"
                    + " else: " + e.getMessage());
        }
        if (characters.stream().distinct().count() != characters.size()) {
            throw new IllegalArgumentException("saved character tokenizer: a character appears twice");
        }
        return new CharacterCodec(new Vocabulary(characters),
                Boolean.parseBoolean(lines[0].substring("collapse_whitespace ".length()).strip()));
    }

    @Override
    public String toString() {
        return "CharacterCodec(" + vocabulary.size() + " ids" + (collapseWhitespace ? ", white space collapsed" : "")
                + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CharacterCodec c && c.collapseWhitespace == collapseWhitespace
                && c.vocabulary.tokens().equals(vocabulary.tokens());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {vocabulary.tokens(), collapseWhitespace});
    }
}
