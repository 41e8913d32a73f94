package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MobyDickCharactersTest {

    @Test
    void theFirstFiftyThousandCharactersGiveSequencesAndABigramBaseline() throws IOException {
        Map<String, Double> figures = MobyDickCharacters.run(new ExampleOptions(1, 50_000));

        // line breaks fold into spaces, so a little fewer characters than read
        assertTrue(figures.get("characters") > 48_000 && figures.get("characters") <= 50_000, figures.toString());
        assertEquals(Math.floor((Math.floor(figures.get("characters") * 0.9) - 101) / 100) + 1,
                figures.get("sequences"));
        // between a bigram model's usual 3-3.6 bits and the log2(~70) = 6.1 of guessing
        double bits = figures.get("bigram_bits_per_character");
        assertTrue(bits > 2.5 && bits < 4.5, figures.toString());
    }
}
