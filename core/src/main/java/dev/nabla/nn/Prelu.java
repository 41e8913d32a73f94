package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * PReLU: x for x > 0, a·x otherwise, with the slope a learned (PyTorch {@code nn.PReLU}):
 * one slope shared by all channels, or one per channel (dimension 1), starting at 0.25.
 * Any shape → same shape.
 */
public class Prelu extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param slopes the number of slopes: 1 (shared) or the number of channels
     * @param initial the slopes' starting value
     */
    public record Config(int slopes, float initial) {

        /** One shared slope starting at 0.25. */
        public static Config of() {
            return new Config(1, 0.25f);
        }
    }

    private final int slopes;
    private final float initial;
    private final Parameter weight;

    /** A layer with the given settings. */
    public Prelu(Config config) {
        this(config.slopes(), config.initial());
    }

    /** One shared slope. */
    public Prelu() {
        this(Config.of());
    }

    /** {@code slopes} slopes (1, or the number of channels), starting at {@code initial}. */
    public Prelu(int slopes, float initial) {
        if (slopes < 1) {
            throw new IllegalArgumentException("Prelu: slopes must be at least 1, got " + slopes);
        }
        this.slopes = slopes;
        this.initial = initial;
        this.weight = addParameter("weight", Tensor.full(initial, slopes));
    }

    @Override
    protected Tensor call(Tensor input) {
        Tensor a = weight.value();
        if (slopes > 1) {
            if (input.rank() < 2 || input.dim(1) != slopes) {
                throw shapeError("[N, " + slopes + ", ...]", input.shape());
            }
            int[] dims = new int[input.rank()];
            java.util.Arrays.fill(dims, 1);
            dims[1] = slopes;
            a = a.reshape(dims);
        }
        Tensor positive = input.relu();
        return positive.add(input.sub(positive).mul(a));
    }

    /** The slopes. */
    public Parameter weight() {
        return weight;
    }

    /** The number of slopes: 1 (shared) or the number of channels. */
    public int slopes() {
        return slopes;
    }

    @Override
    protected String describe() {
        return "slopes=" + slopes;
    }

    /** The settings. */
    public Config config() {
        return new Config(slopes, initial);
    }
}
