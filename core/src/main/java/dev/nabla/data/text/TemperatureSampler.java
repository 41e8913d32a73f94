package dev.nabla.data.text;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Draws the next token of generated text from a model's scores (Keras's character-level text
 * generation, {@code sample(preds, temperature)}): the probabilities are
 * {@code softmax(logits / temperature)}, so a temperature below 1 sharpens them towards the most
 * likely token, above 1 flattens them, and 0 always takes the most likely token. Draws come
 * from the generator, so a seed gives the same text.
 *
 * <pre>{@code
 * var sampler = new TemperatureSampler(0.8, new Generator(1));
 * int next = sampler.sample(model.forward(ids).slice(1, last, last + 1).reshape(vocabularySize));
 * }</pre>
 */
public final class TemperatureSampler {

    private final double temperature;
    private final Generator generator;

    /**
     * @param temperature at least 0; 0 for the most likely token every time
     * @param generator   the source of the draws
     */
    public TemperatureSampler(double temperature, Generator generator) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("TemperatureSampler: the temperature must be 0 or more (and finite),"
                    + " got " + temperature);
        }
        if (generator == null) {
            throw new IllegalArgumentException("TemperatureSampler: give a generator for the draws");
        }
        this.temperature = temperature;
        this.generator = generator;
    }

    /** A token id drawn from one row of scores {@code [vocabulary]} (logits, or log-probabilities). */
    public int sample(Tensor logits) {
        if (logits.rank() != 1 || logits.size() == 0) {
            throw new IllegalArgumentException("TemperatureSampler: expected one row of scores [vocabulary], got"
                    + " shape " + logits.shape());
        }
        return sample(logits.toFloatArray());
    }

    /** A token id drawn from these scores. */
    public int sample(float[] logits) {
        int best = 0;
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) {
                throw new IllegalArgumentException("TemperatureSampler: the score of token " + i + " is NaN");
            }
            best = logits[i] > logits[best] ? i : best;
        }
        if (temperature == 0) {
            return best;
        }
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - logits[best]) / temperature);
            total += weights[i];
        }
        double draw = generator.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return best;
    }

    public double temperature() {
        return temperature;
    }
}
