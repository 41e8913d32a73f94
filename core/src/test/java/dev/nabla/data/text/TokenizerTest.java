package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.text.Tokenizer.Level;
import dev.nabla.data.text.Tokenizer.Punctuation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static final String TEXT = "Don't panic, Arthur!  It's 42.";

    @Test
    void wordsWithPunctuationAsTokensOfTheirOwn() {
        assertEquals(List.of("don't", "panic", ",", "arthur", "!", "it's", "42", "."),
                Tokenizer.words().tokenize(TEXT));
    }

    @Test
    void punctuationStrippedOrKeptAndCaseKept() {
        assertEquals(List.of("Don't", "panic", "Arthur", "It's", "42"),
                new Tokenizer(Level.WORD, false, Punctuation.STRIP).tokenize(TEXT));
        assertEquals(List.of("don't", "panic,", "arthur!", "it's", "42."),
                new Tokenizer(Level.WORD, true, Punctuation.KEEP).tokenize(TEXT));
        assertEquals(List.of("e", "mail", "rock", "n", "roll"),
                new Tokenizer(Level.WORD, true, Punctuation.STRIP).tokenize("e-mail 'rock 'n' roll'"));
    }

    @Test
    void lettersOfAnyScriptMakeWords() {
        assertEquals(List.of("café", "déjà", "-", "vu", "в", "москве"), Tokenizer.words().tokenize("Café déjà-vu в Москве"));
    }

    @Test
    void charactersWithWhitespaceRunsAsOneSpace() {
        assertEquals(List.of("h", "i", ",", " ", "y", "o", "!"), Tokenizer.characters().tokenize("Hi,\t\n yo!"));
        assertEquals(List.of("h", "i", " ", "y", "o"),
                new Tokenizer(Level.CHARACTER, true, Punctuation.STRIP).tokenize("Hi, yo!"));
    }

    @Test
    void joinUndoesTokenizingUpToSpacing() {
        Tokenizer words = Tokenizer.words();
        Tokenizer characters = Tokenizer.characters();

        assertEquals("don't panic , arthur !", words.join(words.tokenize("Don't panic, Arthur!")));
        assertEquals("don't panic, arthur!", characters.join(characters.tokenize("Don't  panic, Arthur!")));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer(null, true, Punctuation.SPLIT));
    }
}
