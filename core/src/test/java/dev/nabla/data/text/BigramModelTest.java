package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BigramModelTest {

    @Test
    void probabilitiesAreSmoothedPairCountsWorkedOutByHand() {
        // stream 0 1 0 1 0 2 over 3 tokens: after 0 come 1, 1, 2; after 1 comes 0 twice
        BigramModel bigrams = BigramModel.fit(new int[] {0, 1, 0, 1, 0, 2}, 3, 0.5);

        assertEquals((2 + 0.5) / (3 + 1.5), bigrams.probability(0, 1), 1e-12);
        assertEquals((0 + 0.5) / (3 + 1.5), bigrams.probability(0, 0), 1e-12);
        assertEquals((2 + 0.5) / (2 + 1.5), bigrams.probability(1, 0), 1e-12);
        assertEquals(1 / 3.0, bigrams.probability(2, 1), 1e-12);   // never seen: uniform
        double bits = -(Math.log(bigrams.probability(0, 1)) + Math.log(bigrams.probability(1, 0))) / Math.log(2) / 2;
        assertEquals(bits, bigrams.bitsPerToken(new int[] {0, 1, 0}), 1e-12);
    }

    @Test
    void anIdOutsideTheVocabularyIsNamedByItsPosition() {
        var error = assertThrows(IllegalArgumentException.class, () -> BigramModel.fit(new int[] {0, 1, 3}, 3, 1));

        assertEquals("BigramModel: id 3 at position 2 is outside the vocabulary of 3", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BigramModel.fit(new int[] {0, 1}, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> BigramModel.fit(new int[] {0}, 3, 1));
    }
}
