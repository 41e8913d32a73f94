package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberWordsTranslationTest {

    @Test
    void onSixHundredPairsTheTeacherForcedLossFallsFarBelowChance() {
        Map<String, Double> results = NumberWordsTranslation.run(new ExampleOptions(8, 600));

        // Chance over 14 target tokens is ln 14 = 2.64 per token.
        assertTrue(results.get("loss") < 1.5, results.toString());
        assertTrue(results.get("greedy") >= 0 && results.get("beam") <= 1, results.toString());
    }
}
