package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GenerationTest {

    private static final int[] PROMPT = {3, 7, 1};

    private static TransformerLanguageModel transformer(TransformerLanguageModel.Positions positions) {
        return new TransformerLanguageModel(TransformerLanguageModel.Config.of(11, 8, 16, 2, 2).positions(positions))
                .seed(5);
    }

    @Test
    void aCachedGenerationGivesExactlyTheTokensOfAnUncachedOneForTheSameSeed() {
        for (var positions : TransformerLanguageModel.Positions.values()) {
            var model = transformer(positions);
            // 30 new tokens after 3: past the context of 8, where each token reruns the last 8.
            var options = GenerationOptions.sampling(1.0).seed(42).maxNewTokens(30);
            int[] cached = Generation.generate(model, PROMPT, options.useCache(true));
            int[] uncached = Generation.generate(model, PROMPT, options.useCache(false));
            assertEquals(30, cached.length);
            assertArrayEquals(uncached, cached, positions + " positions");
            assertArrayEquals(Generation.generate(model, PROMPT, options.topK(3).topP(0.9)),
                    Generation.generate(model, PROMPT, options.topK(3).topP(0.9).useCache(false)));
        }
    }

    @Test
    void theSameSeedGivesTheSameTokensAndAnotherSeedOthers() {
        var model = transformer(TransformerLanguageModel.Positions.LEARNED);
        var options = GenerationOptions.sampling(1.5).maxNewTokens(40);
        assertArrayEquals(Generation.generate(model, PROMPT, options.seed(1)),
                Generation.generate(model, PROMPT, options.seed(1)));
        assertFalse(Arrays.equals(Generation.generate(model, PROMPT, options.seed(1)),
                Generation.generate(model, PROMPT, options.seed(2))));
    }

    @Test
    void greedyTokensAreTheArgmaxOfTheWholeSequencesLastLogits() {
        var model = transformer(TransformerLanguageModel.Positions.ROTARY);
        int[] tokens = Generation.generate(model, PROMPT, GenerationOptions.greedy().maxNewTokens(4));
        int[] sequence = Arrays.copyOf(PROMPT, PROMPT.length + tokens.length);
        System.arraycopy(tokens, 0, sequence, PROMPT.length, tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(argmax(lastLogits(model, Arrays.copyOf(sequence, PROMPT.length + i))), tokens[i]);
        }
    }

    @Test
    void generationEndsBeforeTheStopTokenOrWhenTheListenerSaysSo() {
        var model = transformer(TransformerLanguageModel.Positions.LEARNED);
        var options = GenerationOptions.sampling(1.0).seed(3).maxNewTokens(20);
        int[] all = Generation.generate(model, PROMPT, options);
        int stop = all[5];
        int firstStop = Arrays.stream(all).boxed().toList().indexOf(stop);
        assertArrayEquals(Arrays.copyOf(all, firstStop), Generation.generate(model, PROMPT, options.stopToken(stop)));
        int[] counted = new int[1];
        assertArrayEquals(Arrays.copyOf(all, 3), Generation.generate(model, PROMPT, options, t -> ++counted[0] < 3));
        assertEquals(0, Generation.generate(model, PROMPT, options.maxNewTokens(0)).length);
    }

    @Test
    void aRecurrentModelCarriesItsStateFromTokenToToken() {
        RecurrentLanguageModel model = new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(11, 4, 8, 2)).seed(3);
        int[] tokens = Generation.generate(model, PROMPT, GenerationOptions.greedy().maxNewTokens(5));
        int[] sequence = Arrays.copyOf(PROMPT, PROMPT.length + tokens.length);
        System.arraycopy(tokens, 0, sequence, PROMPT.length, tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(argmax(lastLogits(model, Arrays.copyOf(sequence, PROMPT.length + i))), tokens[i]);
        }
        var gru = new RecurrentLanguageModel(RecurrentLanguageModel.Config.of(11, 4, 8, 1)
                .cell(RecurrentLanguageModel.CellType.GRU));
        var sampled = GenerationOptions.sampling(0.8).seed(9).maxNewTokens(12);
        assertArrayEquals(Generation.generate(gru, PROMPT, sampled), Generation.generate(gru, PROMPT, sampled));
    }

    @Test
    void promptsOutsideTheVocabularyOrEmptyAreRefused() {
        var model = transformer(TransformerLanguageModel.Positions.LEARNED);
        var outside = assertThrows(IllegalArgumentException.class,
                () -> Generation.generate(model, new int[] {1, 11}, GenerationOptions.greedy()));
        assertTrue(outside.getMessage().contains("prompt token 11 at position 1"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Generation.generate(model, new int[0],
                GenerationOptions.greedy()));
        assertThrows(IllegalArgumentException.class, () -> GenerationOptions.sampling(-1));
        assertThrows(IllegalArgumentException.class, () -> GenerationOptions.greedy().topP(0));
    }

    private static float[] lastLogits(Layer model, int[] ids) {
        float[] values = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor logits = model.forward(Tensor.of(values, 1, ids.length));
            return logits.slice(1, ids.length - 1, ids.length).toFloatArray();
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
