package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.TensorDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencePairEncoderTest {

    private final SequencePairs pairs = new SequencePairs(List.of("three hundred twelve", "seven"), List.of("312", "7"));
    private final SequencePairEncoder encoder = SequencePairEncoder.fit(pairs, Tokenizer.words(),
            Tokenizer.characters());

    @Test
    void theDecoderInputIsTheTargetShiftedRightBehindTheStartToken() {
        assertEquals(4, encoder.length());   // three words; three digits and the end
        TensorDataset data = encoder.dataset(pairs);
        float[] first = data.features().slice(0, 0, 1).toFloatArray();
        float[] labels = data.targets().toFloatArray();
        int three = encoder.targetVocabulary().index("3");
        int one = encoder.targetVocabulary().index("1");
        int two = encoder.targetVocabulary().index("2");
        int seven = encoder.targetVocabulary().index("7");
        Vocabulary source = encoder.sourceVocabulary();
        assertArrayEquals(new float[] {source.index("three"), source.index("hundred"), source.index("twelve"), 0,
            SequencePairEncoder.START, three, one, two}, first, 0f);
        assertArrayEquals(new float[] {three, one, two, SequencePairEncoder.END, seven, SequencePairEncoder.END, 0, 0},
                labels, 0f);
    }

    @Test
    void decodingStopsAtTheEndTokenAndSkipsTheSpecials() {
        int one = encoder.targetVocabulary().index("1");
        assertEquals("11", encoder.decode(new int[] {SequencePairEncoder.START, one, 0, one,
            SequencePairEncoder.END, one}));
        assertEquals("312", encoder.normalized("312"));
        assertEquals("<unk>", encoder.decode(new int[] {99}));
    }

    @Test
    void theTargetVocabularyMustHoldTheSpecialTokens() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SequencePairEncoder(Tokenizer.words(),
                encoder.sourceVocabulary(), Tokenizer.characters(), new Vocabulary(List.of("a", "b")), 4));
        assertTrue(e.getMessage().contains("<start> at 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SequencePairs(List.of("a"), List.of()));
    }
}
