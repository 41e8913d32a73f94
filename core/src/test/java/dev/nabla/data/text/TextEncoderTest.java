package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.text.TextEncoder.Side;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    /** the=2, cat=3, sat=4, on=5, mat=6, dog=7. */
    private static final Vocabulary VOCABULARY = Vocabulary.build(VocabularyTest.CORPUS, 1, 0);

    private static float[] encode(String text, int maxLength, Side padding, Side truncation) {
        return new TextEncoder(Tokenizer.words(), VOCABULARY, maxLength, padding, truncation).encode(text)
                .toFloatArray();
    }

    @Test
    void shortTextsArePaddedAtTheEndOrTheStart() {
        assertArrayEquals(new float[] {2, 3, 1, 0, 0}, encode("The cat purred", 5, Side.POST, Side.POST));
        assertArrayEquals(new float[] {0, 0, 2, 3, 1}, encode("The cat purred", 5, Side.PRE, Side.POST));
    }

    @Test
    void longTextsAreCutAtTheEndOrTheStart() {
        assertArrayEquals(new float[] {2, 3, 4}, encode("the cat sat on the mat", 3, Side.POST, Side.POST));
        assertArrayEquals(new float[] {5, 2, 6}, encode("the cat sat on the mat", 3, Side.POST, Side.PRE));
    }

    @Test
    void manyTextsBecomeARowEachAndRowsDecodeBack() {
        TextEncoder encoder = new TextEncoder(Tokenizer.words(), VOCABULARY, 4);

        Tensor ids = encoder.encode(List.of("the dog sat", "on the mat, cat"));

        assertEquals(DType.INT32, ids.dtype());
        assertArrayEquals(new int[] {2, 4}, ids.shape().toArray());
        assertArrayEquals(new float[] {2, 7, 4, 0, 5, 2, 6, 1}, ids.toFloatArray());
        assertEquals("the dog sat", encoder.decode(ids.slice(0, 0, 1).squeeze(0)));
        assertEquals("on the mat <unk>", encoder.decode(ids.slice(0, 1, 2).squeeze(0)));
        assertThrows(IllegalArgumentException.class, () -> new TextEncoder(Tokenizer.words(), VOCABULARY, 0));
    }
}
