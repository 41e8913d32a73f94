package dev.nabla.nn;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Generates tokens from a {@link LanguageModel}: feeds the prompt, then picks one token at a time
 * as {@link GenerationOptions} say and feeds it back (Hugging Face's {@code model.generate},
 * Keras-hub's {@code CausalLM.generate}). The same model, prompt and options give the same tokens,
 * with the cache or without.
 *
 * <pre>{@code
 * int[] prompt = codec.encode("Call me");
 * int[] next = Generation.generate(model, prompt, GenerationOptions.sampling(0.8).seed(3).maxNewTokens(200));
 * String text = codec.decode(next);
 * }</pre>
 */
public final class Generation {

    private Generation() {
    }

    /** The new tokens after {@code prompt} (at least one token), the stop token left out. */
    public static int[] generate(LanguageModel model, int[] prompt, GenerationOptions options) {
        return generate(model, prompt, options, token -> true);
    }

    /**
     * As {@link #generate(LanguageModel, int[], GenerationOptions)}, telling {@code onToken} each
     * new token as it comes; generation ends early when it returns false (that token is kept).
     */
    public static int[] generate(LanguageModel model, int[] prompt, GenerationOptions options, IntPredicate onToken) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generation: the prompt needs at least one token (a start token for"
                    + " generation from nothing)");
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= model.vocabularySize()) {
                throw new IllegalArgumentException("generation: prompt token " + prompt[i] + " at position " + i
                        + " is outside the model's vocabulary of " + model.vocabularySize());
            }
        }
        TokenSampler sampler = new TokenSampler(options);
        LanguageModel.Decoding decoding = model.startDecoding(options.useCache());
        int[] generated = new int[options.maxNewTokens()];
        int count = 0;
        float[] logits = options.maxNewTokens() > 0 ? decoding.feed(prompt) : null;
        while (count < options.maxNewTokens()) {
            int token = sampler.sample(logits);
            if (token == options.stopToken()) {
                break;
            }
            generated[count++] = token;
            if (!onToken.test(token) || count == options.maxNewTokens()) {
                break;
            }
            logits = decoding.feed(token);
        }
        return Arrays.copyOf(generated, count);
    }
}
