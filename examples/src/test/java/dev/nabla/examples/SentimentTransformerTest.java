package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentTransformerTest {

    @Test
    void onSixHundredSentencesTheTransformerEncoderBeatsChance() throws IOException {
        Map<String, Double> accuracies = SentimentTransformer.run(new ExampleOptions(10, 600));

        // 120 test sentences, half of them positive: chance is 0.5
        assertTrue(accuracies.get("model") > 0.6, accuracies.toString());
        assertTrue(accuracies.get("bag_of_words") > 0.6, accuracies.toString());
    }
}
