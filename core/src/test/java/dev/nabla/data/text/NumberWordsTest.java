package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class NumberWordsTest {

    @Test
    void numbersAreWrittenInAmericanEnglish() {
        assertEquals("zero", NumberWords.words(0));
        assertEquals("three hundred twelve", NumberWords.words(312));
        assertEquals("forty thousand seven", NumberWords.words(40_007));
        assertEquals("nine hundred ninety nine thousand nine hundred ninety nine", NumberWords.words(999_999));
        assertEquals("one million twenty thousand", NumberWords.words(1_020_000));
        assertThrows(IllegalArgumentException.class, () -> NumberWords.words(-1));
    }

    @Test
    void pairsAreDifferentNumbersDrawnFromTheSeed() {
        SequencePairs pairs = NumberWords.pairs(500, 9999, 3);
        assertEquals(500, new HashSet<>(pairs.targets()).size());
        assertEquals(pairs, NumberWords.pairs(500, 9999, 3));
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(NumberWords.words(Integer.parseInt(pairs.targets().get(i))), pairs.sources().get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> NumberWords.pairs(60, 100, 1));
    }
}
