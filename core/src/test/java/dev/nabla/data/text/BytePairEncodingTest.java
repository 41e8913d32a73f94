package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytePairEncodingTest {

    private static final String CORPUS = "the whale, the whale! the white whale. Thee, thou, there, then; whaling.\n"
            .repeat(20);

    @Test
    void anyTextRoundTripsExactlyEvenWhatTheCorpusNeverHad() {
        BytePairEncoding codec = BytePairEncoding.train(CORPUS, 300);
        for (String text : new String[] {"the whale", "Ζεύς 🐋 naïve\r\n\ttabs  and   spaces ", "", "'s'll 123,456"}) {
            assertEquals(text, codec.decode(codec.encode(text)), text);
        }
    }

    @Test
    void mergesShortenFrequentWordsToOneToken() {
        BytePairEncoding codec = BytePairEncoding.train(CORPUS, 270);
        assertEquals(270, codec.vocabularySize());
        int[] ids = codec.encode(" whale");
        assertEquals(1, ids.length, "' whale' is frequent enough to be one token");
        assertEquals(" whale", codec.token(ids[0]));
        assertTrue(codec.encode(CORPUS).length < CORPUS.length() / 2, "fewer ids than half the characters");
    }

    @Test
    void beforeAnyMergeEveryByteIsOneId() {
        BytePairEncoding codec = BytePairEncoding.train(CORPUS, BytePairEncoding.BASE_SIZE);
        byte[] utf8 = "é!".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {2 + (utf8[0] & 0xff), 2 + (utf8[1] & 0xff), 2 + '!'}, codec.encode("é!"));
    }

    @Test
    void trainingStopsWhenNoPairOccursTwice() {
        BytePairEncoding codec = BytePairEncoding.train("ab", 1000);
        assertEquals(BytePairEncoding.BASE_SIZE, codec.vocabularySize());
    }

    @Test
    void trainingIsDeterministicAndTheSavedCodecEncodesTheSame() {
        BytePairEncoding codec = BytePairEncoding.train(CORPUS, 300);
        assertArrayEquals(codec.merges(), BytePairEncoding.train(CORPUS, 300).merges());
        TextCodec loaded = TextCodec.load(codec.save());
        assertArrayEquals(codec.encode(CORPUS), loaded.encode(CORPUS));
        assertEquals(codec.vocabularySize(), loaded.vocabularySize());
    }

    @Test
    void badSettingsAndSavedMergesAreRefused() {
        var small = assertThrows(IllegalArgumentException.class, () -> BytePairEncoding.train(CORPUS, 100));
        assertTrue(small.getMessage().contains("at least 258"), small.getMessage());
        var later = assertThrows(IllegalArgumentException.class, () -> new BytePairEncoding(new int[][] {{2, 258}}));
        assertTrue(later.getMessage().contains("two earlier tokens"), later.getMessage());
        var line = assertThrows(IllegalArgumentException.class,
                () -> TextCodec.load("nabla-tokenizer byte-pair\n40 41\nx\n"));
        assertTrue(line.getMessage().contains("merge line 2"), line.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> BytePairEncoding.train(CORPUS, 260).token(260));
    }
}
