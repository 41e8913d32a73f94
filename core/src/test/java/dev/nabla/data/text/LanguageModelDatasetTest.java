package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.Batch;
import dev.nabla.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageModelDatasetTest {

    @Test
    void eachSequenceIsPairedWithTheSameIdsShiftedByOne() {
        // ids 10..19; sequences of 4 every 3: starts 0 and 3 (6 would need an eleventh id as its last target)
        int[] ids = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        var sequences = new LanguageModelDataset(ids, 4, 3);

        Batch batch = sequences.batch(0, 1);

        assertEquals(2, sequences.size());
        assertEquals(DType.INT32, batch.features().dtype());
        assertArrayEquals(new float[] {10, 11, 12, 13, 13, 14, 15, 16}, batch.features().toFloatArray());
        assertArrayEquals(new float[] {11, 12, 13, 14, 14, 15, 16, 17}, batch.targets().toFloatArray());
        assertArrayEquals(new float[] {14, 15, 16, 17}, sequences.get(1).target().toFloatArray());
    }

    @Test
    void charactersOfATextBecomeAStreamOfIds() {
        Tokenizer characters = new Tokenizer(Tokenizer.Level.CHARACTER, false, Tokenizer.Punctuation.KEEP);
        String text = "Call me Ishmael.";
        Vocabulary vocabulary = Vocabulary.build(List.of(characters.tokenize(text)), 1, 0);

        var sequences = new LanguageModelDataset(vocabulary.encode(characters.tokenize(text)), 5, 5);

        assertEquals(3, sequences.size());
        assertEquals("Call ", String.join("", vocabulary.decode(toInts(sequences.get(0).features().toFloatArray()))));
        assertEquals("all m", String.join("", vocabulary.decode(toInts(sequences.get(0).target().toFloatArray()))));
    }

    @Test
    void bitsPerCharacterAreNatsOverLnTwo() {
        assertEquals(1.0, LanguageModelDataset.bitsPerToken(Math.log(2)), 1e-12);
        assertEquals(8.0, LanguageModelDataset.bitsPerToken(Math.log(256)), 1e-12);
    }

    @Test
    void aStreamShorterThanOneSequenceIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> new LanguageModelDataset(new int[] {1, 2}, 2, 1));

        assertEquals("LanguageModelDataset: a sequence of 2 ids and the id after it need 3 ids, but the stream has 2",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LanguageModelDataset(new int[] {1, -2, 3}, 1, 1));
    }

    private static int[] toInts(float[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = (int) values[i];
        }
        return ints;
    }
}
