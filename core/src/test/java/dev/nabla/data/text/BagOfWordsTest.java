package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsTest {

    @Test
    void eachColumnCountsOneVocabularyEntryAndUnknownWordsShareColumnOne() {
        Vocabulary vocabulary = new Vocabulary(List.of("good", "food"));
        BagOfWords bag = new BagOfWords(Tokenizer.words(), vocabulary);

        float[] counts = bag.counts(List.of("good good food", "awful food!")).toFloatArray();

        // columns: <pad>, <unk>, good, food; "!" is a token of its own, unknown
        assertArrayEquals(new float[] {0, 0, 2, 1, 0, 2, 0, 1}, counts);
        assertThrows(IllegalArgumentException.class, () -> bag.counts(List.of()));
    }
}
