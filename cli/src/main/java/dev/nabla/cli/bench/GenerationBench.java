package dev.nabla.cli.bench;

import dev.nabla.nn.Generation;
import dev.nabla.nn.GenerationOptions;
import dev.nabla.nn.Layer;
import dev.nabla.nn.TransformerLanguageModel;
import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generation speed of a GPT-style {@link TransformerLanguageModel} with random weights: greedy
 * tokens after a random prompt of one sequence, with the key/value cache and without, as new
 * tokens per second (prompt processing included), the median of several runs after warm-up
 * runs (which let the JIT compile the decoding path). {@code bench/torch_generate.py} measures the
 * same model in PyTorch.
 *
 * @param config the model's settings
 * @param prompt the prompt's tokens
 * @param tokens the new tokens per run
 * @param warmup untimed runs per mode first
 * @param runs   timed runs per mode
 */
public record GenerationBench(TransformerLanguageModel.Config config, int prompt, int tokens, int warmup, int runs) {

    /** New tokens per second with the cache and without. */
    public record Result(double cachedTokensPerSecond, double uncachedTokensPerSecond) {
    }

    public GenerationBench {
        if (prompt < 1 || tokens < 1 || runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("the prompt, the tokens and the runs must be at least 1, got " + prompt
                    + ", " + tokens + " and " + runs);
        }
        if (prompt + tokens > config.contextLength()) {
            throw new IllegalArgumentException("the prompt and the new tokens (" + (prompt + tokens) + ") must fit"
                    + " the context of " + config.contextLength());
        }
    }

    /** Measures both modes on the same model and prompt. */
    public Result run(long seed) {
        Layer.manualSeed(seed);
        var model = new TransformerLanguageModel(config);
        Generator random = new Generator(seed);
        int[] promptIds = new int[prompt];
        for (int i = 0; i < prompt; i++) {
            promptIds[i] = random.nextInt(config.vocabularySize());
        }
        return new Result(tokensPerSecond(model, promptIds, true), tokensPerSecond(model, promptIds, false));
    }

    private double tokensPerSecond(TransformerLanguageModel model, int[] promptIds, boolean cached) {
        var options = GenerationOptions.greedy().maxNewTokens(tokens).useCache(cached);
        for (int run = 0; run < warmup; run++) {
            Generation.generate(model, promptIds, options);
        }
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            int made = Generation.generate(model, promptIds, options).length;
            rates.add(made / ((System.nanoTime() - start) / 1e9));
        }
        Collections.sort(rates);
        return rates.get(rates.size() / 2);
    }
}
