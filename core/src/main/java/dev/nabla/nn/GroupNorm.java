package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Group normalisation (PyTorch {@code nn.GroupNorm}, Keras {@code GroupNormalization}):
 * {@code [N, C, *] → [N, C, *]}. The C channels are split into {@code numGroups} groups of
 * consecutive channels; each sample's group is normalised over its channels and positions
 * with the biased variance, then scaled and shifted per channel:
 * {@code y = (x − mean) / sqrt(var + eps) · weight[c] + bias[c]}. The same in training and
 * evaluation.
 *
 * <p>Defaults are PyTorch's: eps 1e-5 (Keras: 1e-3), a per-channel weight (starting at 1) and
 * bias (starting at 0) named {@code weight} and {@code bias}. Channels are dimension 1
 * (Keras's default axis is -1, channels-last; PyTorch has no default group count, Keras's
 * is 32).
 */
public class GroupNorm extends Layer {

    /**
     * A group norm's settings, their defaults (PyTorch's) in one place.
     *
     * @param numGroups   the number of groups the channels are split into (at least 1)
     * @param numChannels the number of channels, or null to take it from the first input
     * @param eps         added to the variance (positive)
     * @param affine      whether the layer has a learned weight and bias per channel
     */
    public record Config(int numGroups, Integer numChannels, float eps, boolean affine) {

        /** Checks the group count and eps. */
        public Config {
            if (numGroups < 1) {
                throw new IllegalArgumentException("GroupNorm: numGroups must be at least 1, got " + numGroups);
            }
            if (!(eps > 0f)) {
                throw new IllegalArgumentException("GroupNorm: eps must be positive, got " + eps);
            }
        }

        /** {@code numGroups} groups, the channels from the first input, eps 1e-5, with weight and bias. */
        public static Config of(int numGroups) {
            return new Config(numGroups, null, 1e-5f, true);
        }

        /** The same over {@code channels} channels, built at once. */
        public Config numChannels(int channels) {
            return new Config(numGroups, channels, eps, affine);
        }

        /** The same with another eps. */
        public Config eps(float value) {
            return new Config(numGroups, numChannels, value, affine);
        }

        /** The same with or without the learned weight and bias. */
        public Config affine(boolean learned) {
            return new Config(numGroups, numChannels, eps, learned);
        }
    }

    private final Config config;
    private final int numGroups;
    private final float eps;
    private final boolean affine;
    private int numChannels = -1;
    private Parameter weight;
    private Parameter bias;

    /** Group norm in {@code numGroups} groups whose channel count is taken from the first input. */
    public GroupNorm(int numGroups) {
        this(Config.of(numGroups));
    }

    /** Group norm of {@code numChannels} channels in {@code numGroups} groups (PyTorch's {@code nn.GroupNorm}), built at once. */
    public GroupNorm(int numGroups, int numChannels) {
        this(Config.of(numGroups).numChannels(numChannels));
    }

    /** Group norm with the given settings, built at once when they give the channel count. */
    public GroupNorm(Config config) {
        this.config = config;
        this.numGroups = config.numGroups();
        this.eps = config.eps();
        this.affine = config.affine();
        if (config.numChannels() != null) {
            checkChannels(config.numChannels());
            build(1, config.numChannels());
        }
    }

    /** The settings, with the channel count once the layer is built. */
    public Config config() {
        return numChannels < 0 ? config : config.numChannels(numChannels);
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw shapeError("[N, C, *]", inputShape);
        }
        int channels = inputShape.dim(1);
        checkChannels(channels);
        numChannels = channels;
        if (affine) {
            weight = addParameter("weight", Tensor.ones(channels));
            bias = addParameter("bias", Tensor.zeros(channels));
        }
    }

    private void checkChannels(int channels) {
        if (channels < 1 || channels % numGroups != 0) {
            throw new IllegalArgumentException(path() + ": the number of channels (" + channels
                    + ") must be a positive multiple of numGroups (" + numGroups + ")");
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() < 2 || input.dim(1) != numChannels) {
            throw shapeError("[N, " + numChannels + ", *]", input.shape());
        }
        int[] dims = input.shape().toArray();
        Tensor grouped = input.reshape(dims[0], numGroups, input.size() / Math.max(dims[0] * numGroups, 1));
        Tensor centered = grouped.sub(grouped.mean(2, true));
        Tensor y = centered.div(grouped.var(new int[] {2}, 0, true).add(eps).sqrt()).reshape(dims);
        if (!affine) {
            return y;
        }
        int[] perChannel = new int[dims.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = numChannels;
        return y.mul(weight.value().reshape(perChannel)).add(bias.value().reshape(perChannel));
    }

    /** The number of groups. */
    public int numGroups() {
        return numGroups;
    }

    /** The number of channels; -1 before the layer is built. */
    public int numChannels() {
        return numChannels;
    }

    /** The per-channel scale, {@code [C]}; null without affine or before the build. */
    public Parameter weight() {
        return weight;
    }

    /** The per-channel shift, {@code [C]}; null without affine or before the build. */
    public Parameter bias() {
        return bias;
    }

    /** The constant added to the variance. */
    public float eps() {
        return eps;
    }

    /** Whether the layer has a per-channel weight and bias. */
    public boolean affine() {
        return affine;
    }

    @Override
    protected String describe() {
        return "groups=" + numGroups + ", channels=" + (numChannels < 0 ? "?" : numChannels) + ", eps=" + eps
                + ", affine=" + affine;
    }
}
