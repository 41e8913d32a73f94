package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Example;
import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextClassificationDatasetTest {

    private static final Tokenizer TOKENIZER = new Tokenizer(Tokenizer.Level.WORD, true, Tokenizer.Punctuation.STRIP);
    private static final List<String> TEXTS = List.of("Good food", "Bad, bad service and cold food", "good");
    private static final int[] LABELS = {1, 0, 1};
    // by frequency, ties in order of first appearance: good 2, food 3, bad 4, then service 5, and 6, cold 7
    private static final Vocabulary VOCABULARY = Vocabulary.build(TEXTS.stream().map(TOKENIZER::tokenize).toList(),
            1, 0);

    @Test
    void aBatchIsPaddedWithZerosOnlyToItsLongestTextAndMasked() {
        var data = new TextClassificationDataset(TEXTS, LABELS, TOKENIZER, VOCABULARY, 100);

        Batch batch = data.batch(0, 2);

        // good food / good; two tokens at most
        assertEquals(List.of(2, 2), List.of(batch.features().dim(0), batch.features().dim(1)));
        assertEquals(DType.INT32, batch.features().dtype());
        assertArrayEquals(new float[] {2, 3, 2, 0}, batch.features().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 0}, batch.mask().toFloatArray());
        assertArrayEquals(new float[] {1, 1}, batch.targets().toFloatArray());
        assertEquals(6, data.batch(0, 1, 2).features().dim(1));
    }

    @Test
    void textsAreCutToTheMaximumLengthKeepingTheirBeginning() {
        var data = new TextClassificationDataset(TEXTS, LABELS, TOKENIZER, VOCABULARY, 3);

        Example example = data.get(1);

        // bad bad service
        assertArrayEquals(new float[] {4, 4, 5}, example.features().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, example.mask().toFloatArray());
        assertEquals(0f, example.target().item());
        assertArrayEquals(new int[] {2, 3, 1}, data.lengths());
        assertEquals(2, data.classCount());
    }

    @Test
    void aLoaderGivesBatchesOfTheirOwnLengthAndAFixedLengthCopyPadsAll() {
        var data = new TextClassificationDataset(TEXTS, LABELS, TOKENIZER, VOCABULARY, 100);

        List<Integer> lengths = new ArrayList<>();
        new DataLoader(data, 1).forEach(batch -> lengths.add(batch.features().dim(1)));
        TensorDataset fixed = data.toTensorDataset(4);

        assertEquals(List.of(2, 6, 1), lengths);
        assertEquals(List.of(3, 4), List.of(fixed.features().dim(0), fixed.features().dim(1)));
        assertArrayEquals(new float[] {2, 0, 0, 0}, fixed.features().slice(0, 2, 3).toFloatArray());
    }

    @Test
    void bucketingPutsTextsOfSimilarLengthInTheSameBatch() {
        List<String> texts = List.of("a a a a a", "a", "a a a a a a a", "a a", "a a a a a a", "a a a", "a a a a a a a a",
                "a a a a");
        var data = new TextClassificationDataset(texts, new int[8], TOKENIZER, VOCABULARY, 100);

        var bucketed = data.bucketedByLength(2, new dev.nabla.tensor.Generator(7));

        List<Integer> padded = new ArrayList<>();
        new DataLoader(bucketed, 2).forEach(batch -> {
            float[] mask = batch.mask().toFloatArray();
            int real = 0;
            for (float m : mask) {
                real += (int) m;
            }
            padded.add(mask.length - real);
        });
        // lengths 1..8 sorted into pairs (1, 2), (3, 4), ...: one padding id per batch
        assertEquals(List.of(1, 1, 1, 1), padded);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), java.util.Arrays.stream(bucketed.indices()).sorted().boxed()
                .toList());
    }

    @Test
    void anEmptyTextIsNamedByItsPosition() {
        var error = assertThrows(IllegalArgumentException.class, () -> new TextClassificationDataset(
                List.of("fine", " !? "), new int[] {0, 1}, TOKENIZER, VOCABULARY, 10));

        assertEquals("TextClassificationDataset: text 1 (' !? ') has no token; drop empty texts first",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TextClassificationDataset(TEXTS, new int[] {1},
                TOKENIZER, VOCABULARY, 10));
        assertThrows(IllegalArgumentException.class, () -> new TextClassificationDataset(TEXTS, new int[] {1, -1, 0},
                TOKENIZER, VOCABULARY, 10));
    }
}
