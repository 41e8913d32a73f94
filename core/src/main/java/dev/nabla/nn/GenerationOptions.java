package dev.nabla.nn;

/**
 * How {@link Generation} picks tokens: greedy (temperature 0: always the most likely) or sampled
 * from {@code softmax(logits / temperature)}, kept to the {@code topK} most likely tokens (0: all)
 * and to the smallest set whose probability reaches {@code topP} (nucleus sampling; 1: all), with
 * draws from a generator seeded by {@code seed}; generation ends after {@code maxNewTokens} or at
 * {@code stopToken} (-1: none), which is not returned. Hugging Face's {@code generate(do_sample,
 * temperature, top_k, top_p, max_new_tokens, eos_token_id)}; {@code useCache} is its
 * {@code use_cache}.
 *
 * <pre>{@code
 * var options = GenerationOptions.sampling(0.8).topK(40).seed(7).maxNewTokens(200);
 * }</pre>
 */
public record GenerationOptions(int maxNewTokens, double temperature, int topK, double topP, long seed,
                                int stopToken, boolean useCache) {

    public GenerationOptions {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("generation: the number of new tokens must be 0 or more, got "
                    + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("generation: the temperature must be 0 (greedy) or more, and finite,"
                    + " got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("generation: top-k must be 0 (every token) or more, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("generation: top-p must be above 0 and at most 1, got " + topP);
        }
        if (stopToken < -1) {
            throw new IllegalArgumentException("generation: the stop token must be an id or -1 for none, got "
                    + stopToken);
        }
    }

    /** The most likely token every time, 100 tokens, no stop token, cached. */
    public static GenerationOptions greedy() {
        return new GenerationOptions(100, 0, 0, 1, 1, -1, true);
    }

    /** Sampling at this temperature from every token, 100 tokens, seed 1, no stop token, cached. */
    public static GenerationOptions sampling(double temperature) {
        return new GenerationOptions(100, temperature, 0, 1, 1, -1, true);
    }

    public GenerationOptions maxNewTokens(int value) {
        return new GenerationOptions(value, temperature, topK, topP, seed, stopToken, useCache);
    }

    public GenerationOptions temperature(double value) {
        return new GenerationOptions(maxNewTokens, value, topK, topP, seed, stopToken, useCache);
    }

    public GenerationOptions topK(int value) {
        return new GenerationOptions(maxNewTokens, temperature, value, topP, seed, stopToken, useCache);
    }

    public GenerationOptions topP(double value) {
        return new GenerationOptions(maxNewTokens, temperature, topK, value, seed, stopToken, useCache);
    }

    public GenerationOptions seed(long value) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, value, stopToken, useCache);
    }

    public GenerationOptions stopToken(int value) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, seed, value, useCache);
    }

    public GenerationOptions useCache(boolean value) {
        return new GenerationOptions(maxNewTokens, temperature, topK, topP, seed, stopToken, value);
    }

    /** Whether each token is the most likely one. */
    public boolean isGreedy() {
        return temperature == 0;
    }
}
