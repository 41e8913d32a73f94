package dev.nabla.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextVectorizationTest {

    private static final Table TRAIN = Table.of(new CategoricalColumn("review", "Great food, great prices!",
            "The food was cold.", null, "great"), new NumericColumn("stars", 5, 1, 3, 4));

    private static double[] row(Table table, int row) {
        return table.columns().stream().mapToDouble(c -> ((NumericColumn) c).get(row)).toArray();
    }

    @Test
    void textsBecomeIdsOfTheMostFrequentTokensPaddedAtTheEnd() {
        TextVectorization vectorization = new TextVectorization(0, 4, TextVectorization.Split.WORD);
        Table ids = vectorization.fitTransform(TRAIN.select("review"));
        assertEquals(List.of("review_0", "review_1", "review_2", "review_3"), ids.columnNames());
        // great ×3, food ×2, then prices, the, was, cold in order of first appearance; 0 pads, 1 is unknown
        assertEquals(List.of("<pad>", "<unk>", "great", "food", "prices", "the", "was", "cold"),
                vectorization.vocabularies().get(0).tokens());
        assertEquals("[2.0, 3.0, 2.0, 4.0]", Arrays.toString(row(ids, 0)));
        assertEquals("[5.0, 3.0, 6.0, 7.0]", Arrays.toString(row(ids, 1)));
        assertEquals("[0.0, 0.0, 0.0, 0.0]", Arrays.toString(row(ids, 2)), "a missing text is all padding");
        assertEquals("[2.0, 0.0, 0.0, 0.0]", Arrays.toString(row(ids, 3)));
    }

    @Test
    void maxTokensKeepsTheMostFrequentAndTheRestAreUnknown() {
        TextVectorization vectorization = new TextVectorization(4, 3, TextVectorization.Split.WORD);
        vectorization.fit(TRAIN.select("review"));
        Table ids = vectorization.transform(Table.of(new CategoricalColumn("review", "cold great food soup")));
        assertEquals("[1.0, 2.0, 3.0]", Arrays.toString(row(ids, 0)));
    }

    @Test
    void charactersToo() {
        TextVectorization vectorization = new TextVectorization(0, 3, TextVectorization.Split.CHARACTER);
        Table ids = vectorization.fitTransform(Table.of(new CategoricalColumn("word", "abba", "ab")));
        assertEquals(List.of("<pad>", "<unk>", "a", "b"), vectorization.vocabularies().get(0).tokens());
        assertEquals("[2.0, 3.0, 3.0]", Arrays.toString(row(ids, 0)));
    }

    @Test
    void theStateRestoresTheSameTransform() {
        TextVectorization vectorization = new TextVectorization(6, 5, TextVectorization.Split.WORD);
        vectorization.fit(TRAIN.select("review"));
        Transform same = Transforms.fromJson(Transforms.toJson(vectorization));
        Table text = Table.of(new CategoricalColumn("review", "great cold soup, the food"));
        assertEquals(Arrays.toString(row(vectorization.transform(text), 0)), Arrays.toString(row(same.transform(text), 0)));
    }

    @Test
    void numbersAndBadSettingsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization(0, 3, TextVectorization.Split.WORD).fit(TRAIN.select("stars")));
        assertEquals(true, e.getMessage().startsWith("TextVectorization"), e.getMessage());
        var size = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization(2, 3, TextVectorization.Split.WORD));
        assertEquals("TextVectorization: max_tokens must be 0 (no limit) or more than 2 (ids 0 and 1 are padding and"
                + " unknown tokens), got 2", size.getMessage());
    }
}
