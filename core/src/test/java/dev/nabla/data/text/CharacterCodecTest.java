package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharacterCodecTest {

    @Test
    void everyCharacterOfTheCorpusRoundTripsWithLineBreaksKept() {
        String corpus = "Call me Ishmael.\nSome years ago—never mind how long.\n\tÉtienne 🐋";
        CharacterCodec codec = CharacterCodec.fit(corpus, false);
        assertEquals(corpus, codec.decode(codec.encode(corpus)));
        assertEquals(corpus.codePointCount(0, corpus.length()), codec.encode(corpus).length);
        assertEquals(" ", codec.token(2), "the most frequent character comes first after <pad> and <unk>");
        assertFalse(codec.collapsesWhitespace());
    }

    @Test
    void anUnknownCharacterIsTheUnknownIdAndDecodesAsTheReplacementCharacter() {
        CharacterCodec codec = CharacterCodec.fit("abc", false);
        assertArrayEquals(new int[] {2, Vocabulary.UNKNOWN_INDEX}, codec.encode("az"));
        assertEquals("a\uFFFD", codec.decode(codec.encode("az")));
        assertEquals("", codec.token(Vocabulary.PAD_INDEX));
    }

    @Test
    void collapsingWhiteSpaceFoldsEachRunToOneSpace() {
        CharacterCodec codec = CharacterCodec.fit("a  b\n\nc", true);
        assertEquals("a b c", codec.decode(codec.encode("a \n b\tc")));
        assertEquals(6, codec.vocabularySize(), "<pad>, <unk>, a, space, b and c");
    }

    @Test
    void savedCodecLoadsEqual() {
        CharacterCodec codec = CharacterCodec.fit("Line one\nline two 🐋", true);
        TextCodec loaded = TextCodec.load(codec.save());
        assertEquals(codec, loaded);
        assertArrayEquals(new int[] {1, 2}, loaded.encodeAsTensor("on").shape().toArray());
        assertTrue(loaded instanceof CharacterCodec c && c.collapsesWhitespace());
        assertArrayEquals(codec.encode("one two"), loaded.encode("one two"));
    }

    @Test
    void badSavedTextIsRefusedWithWhatIsWrong() {
        var notSaved = assertThrows(IllegalArgumentException.class, () -> TextCodec.load("hello"));
        assertTrue(notSaved.getMessage().contains("not a saved tokenizer"), notSaved.getMessage());
        var kind = assertThrows(IllegalArgumentException.class, () -> TextCodec.load("nabla-tokenizer words\n"));
        assertTrue(kind.getMessage().contains("unknown tokenizer kind 'words'"), kind.getMessage());
        var points = assertThrows(IllegalArgumentException.class,
                () -> TextCodec.load("nabla-tokenizer character\ncollapse_whitespace false\n97 x\n"));
        assertTrue(points.getMessage().contains("code points"), points.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharacterCodec.fit("", false));
    }
}
