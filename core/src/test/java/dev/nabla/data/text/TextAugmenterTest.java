package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextAugmenterTest {

    private static final MapSynonyms SYNONYMS = new MapSynonyms(Map.of(
            "quick", List.of("fast", "speedy"),
            "fox", List.of("vixen"),
            "dog", List.of("hound", "canis familiaris"),
            "the", List.of("thee")));

    private static final List<String> SENTENCE = List.of("the", "quick", "brown", "fox", "jumps", "over", "the",
            "lazy", "dog");

    private static final TextAugmenter EDA = new TextAugmenter(SYNONYMS);

    @Test
    void synonymReplacementReplacesUpToNWordsEverywhereAndLeavesStopWords() {
        for (long seed = 0; seed < 50; seed++) {
            List<String> result = EDA.synonymReplacement(SENTENCE, 2, new Generator(seed));
            List<String> changed = new ArrayList<>();
            for (String word : SENTENCE) {
                if (!result.contains(word)) {
                    changed.add(word);
                }
            }
            assertEquals(2, changed.size(), result.toString());
            assertTrue(Set.of("quick", "fox", "dog").containsAll(changed), result.toString());
            assertEquals(2, Collections.frequency(result, "the"), "stop words stay");
        }
        List<String> all = EDA.synonymReplacement(List.of("dog", "and", "dog"), 5, new Generator(1));
        assertTrue(all.equals(List.of("hound", "and", "hound"))
                || all.equals(List.of("canis", "familiaris", "and", "canis", "familiaris")), all.toString());
    }

    @Test
    void randomInsertionAddsSynonymsOfWordsOfTheSentence() {
        Set<String> allowed = Set.of("fast", "speedy", "vixen", "hound", "canis", "familiaris", "thee");
        for (long seed = 0; seed < 50; seed++) {
            List<String> result = EDA.randomInsertion(SENTENCE, 3, new Generator(seed));
            List<String> added = new ArrayList<>(result);
            SENTENCE.forEach(added::remove);
            // Three insertions of one or two tokens, unless ten draws in a row hit words without synonyms (as in EDA).
            assertTrue(added.size() >= 1 && added.size() <= 6 && allowed.containsAll(added), result.toString());
            assertEquals(SENTENCE, result.stream().filter(w -> !added.contains(w)).toList(), "the order is kept");
        }
        assertEquals(List.of("no", "synonyms"), EDA.randomInsertion(List.of("no", "synonyms"), 2, new Generator(1)));
    }

    @Test
    void randomSwapKeepsTheWordsAndMovesAtMostTwoPerSwap() {
        for (long seed = 0; seed < 50; seed++) {
            List<String> result = EDA.randomSwap(SENTENCE, 2, new Generator(seed));
            List<String> sortedResult = new ArrayList<>(result);
            List<String> sortedSentence = new ArrayList<>(SENTENCE);
            Collections.sort(sortedResult);
            Collections.sort(sortedSentence);
            assertEquals(sortedSentence, sortedResult);
            int moved = 0;
            for (int i = 0; i < SENTENCE.size(); i++) {
                moved += SENTENCE.get(i).equals(result.get(i)) ? 0 : 1;
            }
            assertTrue(moved <= 4, result.toString());
        }
        assertEquals(List.of("alone"), EDA.randomSwap(List.of("alone"), 3, new Generator(1)));
    }

    @Test
    void randomDeletionRemovesWordsWithTheProbabilityButNeverAll() {
        assertEquals(SENTENCE, EDA.randomDeletion(SENTENCE, 0, new Generator(1)));
        List<String> one = EDA.randomDeletion(SENTENCE, 1, new Generator(2));
        assertEquals(1, one.size());
        assertTrue(SENTENCE.contains(one.getFirst()));
        assertEquals(List.of("alone"), EDA.randomDeletion(List.of("alone"), 1, new Generator(3)));
        int kept = 0;
        Generator generator = new Generator(4);
        for (int i = 0; i < 200; i++) {
            kept += EDA.randomDeletion(SENTENCE, 0.5, generator).size();
        }
        assertEquals(0.5 * SENTENCE.size() * 200, kept, 60);
    }

    @Test
    void augmentMakesTheRequestedNumberOfVariantsReproducibly() {
        List<List<String>> variants = EDA.augment(SENTENCE, 9, new Generator(42));

        assertEquals(9, variants.size());
        assertEquals(variants, EDA.augment(SENTENCE, 9, new Generator(42)));
        assertNotEquals(variants, EDA.augment(SENTENCE, 9, new Generator(43)));
        assertTrue(variants.stream().filter(v -> !v.equals(SENTENCE)).count() >= 7, variants.toString());
        TextAugmenter swapsOnly = new TextAugmenter(SYNONYMS, Set.of(), 0, 0, 0.3, 0);
        assertEquals(2, swapsOnly.augment(SENTENCE, 2, new Generator(1)).size());
        assertThrows(IllegalArgumentException.class, () -> new TextAugmenter(SYNONYMS, Set.of(), 2, 0, 0, 0));
    }
}
