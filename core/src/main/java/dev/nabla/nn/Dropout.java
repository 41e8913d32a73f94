package dev.nabla.nn;

import dev.nabla.tensor.InvertedDropout;
import dev.nabla.tensor.Tensor;

/**
 * Zeroes each element with probability p during training and scales the rest by
 * 1/(1−p) (inverted dropout, as Keras and PyTorch); the identity in evaluation mode.
 * Any shape → same shape. The mask is drawn from the layer's seeded generator, and drawn and
 * applied in one pass ({@link InvertedDropout}).
 */
public class Dropout extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param rate the drop probability, in [0, 1)
     */
    public record Config(float rate) {

        /** PyTorch's default rate, 0.5. */
        public static Config of() {
            return new Config(0.5f);
        }
    }

    private final float rate;

    /** A layer with the given settings. */
    public Dropout(Config config) {
        this(config.rate());
    }

    /** Dropout with PyTorch's default rate, 0.5. */
    public Dropout() {
        this(Config.of());
    }

    /** Dropout with the given rate in [0, 1). */
    public Dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (!isTraining() || rate == 0f) {
            return input;
        }
        return InvertedDropout.apply(input, generator(), rate);
    }

    /** Keep-mask of the given shape (broadcast against the input), already scaled by 1/(1−p). */
    Tensor mask(Tensor input, int[] maskShape) {
        return Tensor.bernoulli(generator(), 1f - rate, maskShape).div(1f - rate);
    }

    /** The drop probability. */
    public float rate() {
        return rate;
    }

    @Override
    protected String describe() {
        return "rate=" + rate;
    }

    /** The settings. */
    public Config config() {
        return new Config(rate);
    }

    /** Each element on its own: a mask on the input holds for the output. */
    @Override
    protected boolean passesMask() {
        return true;
    }
}
