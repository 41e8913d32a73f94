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

    private static final float DEFAULT_EPS = 1e-5f;

    private final int numGroups;
    private final float eps;
    private final boolean affine;
    private int numChannels = -1;
    private Parameter weight;
    private Parameter bias;

    /** Group norm whose channel count is taken from the first input. */
    public GroupNorm(int numGroups) {
        this(numGroups, -1, DEFAULT_EPS, true);
    }

    /** Group norm of {@code numChannels} channels in {@code numGroups} groups, built at once. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, DEFAULT_EPS, true);
    }

    /** Group norm with every setting given; {@code numChannels} -1 takes it from the first input. */
    public GroupNorm(int numGroups, int numChannels, float eps, boolean affine) {
        if (numGroups < 1) {
            throw new IllegalArgumentException("GroupNorm: numGroups must be at least 1, got " + numGroups);
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("GroupNorm: eps must be positive, got " + eps);
        }
        this.numGroups = numGroups;
        this.eps = eps;
        this.affine = affine;
        if (numChannels != -1) {
            checkChannels(numChannels);
            build(1, numChannels);
        }
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
