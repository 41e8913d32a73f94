package dev.nabla.nn;

import dev.nabla.tensor.Generator;
import java.util.Arrays;

/**
 * Picks a token from a row of scores as {@link GenerationOptions} say: the most likely one, or a
 * draw from {@code softmax(logits / temperature)} restricted to the top k and then to the top-p
 * nucleus (Hugging Face's {@code TopKLogitsWarper} and {@code TopPLogitsWarper}, in that order).
 * Ties go to the smaller id, and draws come from the seeded generator, so a seed gives the same
 * tokens.
 */
public final class TokenSampler {

    private final GenerationOptions options;
    private final Generator generator;

    public TokenSampler(GenerationOptions options) {
        this.options = options;
        this.generator = new Generator(options.seed());
    }

    /** A token id from these scores (logits). */
    public int sample(float[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("TokenSampler: no scores to pick a token from");
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalArgumentException("TokenSampler: the score of token " + i + " is NaN");
            }
            order[i] = i;
        }
        if (options.isGreedy()) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                best = logits[i] > logits[best] ? i : best;
            }
            return best;
        }
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        int kept = options.topK() > 0 ? Math.min(options.topK(), logits.length) : logits.length;
        double[] weights = new double[kept];
        double total = 0;
        for (int i = 0; i < kept; i++) {
            weights[i] = Math.exp((logits[order[i]] - logits[order[0]]) / options.temperature());
            total += weights[i];
        }
        if (options.topP() < 1) {
            double mass = 0;
            int nucleus = 0;
            while (nucleus < kept && mass < options.topP() * total) {
                mass += weights[nucleus++];
            }
            kept = Math.max(1, nucleus);
            total = mass == 0 ? weights[0] : mass;
        }
        double draw = generator.nextDouble() * total;
        for (int i = 0; i < kept; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return order[i];
            }
        }
        return order[kept - 1];
    }
}
