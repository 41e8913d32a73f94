package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] LOGITS = {0.5f, 2.0f, 1.9f, -1f, 2.0f};

    @Test
    void greedyTakesTheMostLikelyAndTheSmallerIdOnATie() {
        assertEquals(1, new TokenSampler(GenerationOptions.greedy()).sample(LOGITS));
    }

    @Test
    void topKOfOneAndATinyNucleusAreGreedy() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(1, new TokenSampler(GenerationOptions.sampling(1).topK(1).seed(seed)).sample(LOGITS));
            assertEquals(1, new TokenSampler(GenerationOptions.sampling(1).topP(0.01).seed(seed)).sample(LOGITS));
        }
    }

    @Test
    void topKKeepsOnlyTheMostLikelyTokens() {
        TokenSampler sampler = new TokenSampler(GenerationOptions.sampling(5).topK(3).seed(1));
        for (int i = 0; i < 500; i++) {
            int token = sampler.sample(LOGITS);
            assertTrue(token == 1 || token == 2 || token == 4, "token " + token);
        }
    }

    @Test
    void samplesFollowTheSoftmaxOfTheLogits() {
        TokenSampler sampler = new TokenSampler(GenerationOptions.sampling(1).seed(7));
        float[] logits = {0f, (float) Math.log(3)};
        int ones = 0;
        for (int i = 0; i < 4000; i++) {
            ones += sampler.sample(logits);
        }
        assertEquals(0.75, ones / 4000.0, 0.03);
    }

    @Test
    void nanScoresAreRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new TokenSampler(GenerationOptions.greedy()).sample(new float[] {1f, Float.NaN}));
        assertTrue(error.getMessage().contains("token 1 is NaN"), error.getMessage());
    }
}
