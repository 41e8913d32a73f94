package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The code {@link BatchNorm1d} and {@link BatchNorm2d} share: batch normalisation over
 * every dimension but the channel dimension 1, as PyTorch computes it.
 *
 * <p>In training mode the batch mean and biased variance normalise the input, and the
 * running statistics move towards the batch's:
 * {@code running = (1 − momentum)·running + momentum·batch}, with the unbiased variance
 * ({@code n / (n − 1)}) for {@code running_var}. In evaluation mode, and whenever the layer
 * is frozen ({@code setTrainable(false)}, as Keras does since TF 2), the running statistics
 * normalise and stay unchanged.
 */
abstract class BatchNorm extends Layer {

    /**
     * A batch norm's settings, their defaults (PyTorch's) in one place: {@code Config.of()} takes
     * the channel count from the first input, with eps 1e-5, momentum 0.1 and a learned weight and bias.
     *
     * @param numFeatures the number of channels, or null to take it from the first input
     * @param eps         added to the variance (positive)
     * @param momentum    the weight of the newest batch in the running statistics, in [0, 1] (PyTorch's)
     * @param affine      whether the layer has a learned weight and bias
     */
    public record Config(Integer numFeatures, float eps, float momentum, boolean affine) {

        /** PyTorch's defaults, the channel count from the first input. */
        public static Config of() {
            return new Config(null, 1e-5f, 0.1f, true);
        }

        /** The same over {@code channels} channels, built at once. */
        public Config numFeatures(int channels) {
            return new Config(channels, eps, momentum, affine);
        }

        /** The same with another eps. */
        public Config eps(float value) {
            return new Config(numFeatures, value, momentum, affine);
        }

        /** The same with another momentum (PyTorch's: the weight of the new batch). */
        public Config momentum(float value) {
            return new Config(numFeatures, eps, value, affine);
        }

        /** The same with or without a learned weight and bias. */
        public Config affine(boolean learned) {
            return new Config(numFeatures, eps, momentum, learned);
        }
    }

    private final Config config;
    private final float eps;
    private final float momentum;
    private final boolean affine;
    private int numFeatures = -1;
    private Parameter weight;
    private Parameter bias;

    /** A layer with the given settings, built at once when they give the channel count. */
    BatchNorm(Config config) {
        String name = getClass().getSimpleName();
        if (config.numFeatures() != null && config.numFeatures() < 1) {
            throw new IllegalArgumentException(name + ": numFeatures must be at least 1, got " + config.numFeatures());
        }
        if (!(config.eps() > 0f)) {
            throw new IllegalArgumentException(name + ": eps must be positive, got " + config.eps());
        }
        if (!(config.momentum() >= 0f && config.momentum() <= 1f)) {
            throw new IllegalArgumentException(name + ": momentum must be in [0, 1], got " + config.momentum());
        }
        this.config = config;
        this.eps = config.eps();
        this.momentum = config.momentum();
        this.affine = config.affine();
        if (config.numFeatures() != null) {
            int channels = config.numFeatures();
            // Built for the smallest input it takes: features [1, C], else images [1, C, 1, 1].
            build(acceptsRank(2) ? new int[] {1, channels} : new int[] {1, channels, 1, 1});
        }
    }

    /** The settings, with the channel count once the layer is built. */
    public Config config() {
        return numFeatures < 0 ? config : config.numFeatures(numFeatures);
    }

    /** Whether an input of this rank is accepted. */
    abstract boolean acceptsRank(int rank);

    /** The accepted input shapes for messages, given the channel count ("C" before the build). */
    abstract String expectedShape(String channels);

    @Override
    protected void build(Shape inputShape) {
        checkRank(inputShape);
        int channels = inputShape.dim(1);
        numFeatures = channels;
        if (affine) {
            weight = addParameter("weight", Tensor.ones(channels));
            bias = addParameter("bias", Tensor.zeros(channels));
        }
        addBuffer("running_mean", Tensor.zeros(channels));
        addBuffer("running_var", Tensor.ones(channels));
        addBuffer("num_batches_tracked", Tensor.scalar(0f));
    }

    /** Refuses an input of another rank, saying which batch norm takes it. */
    private void checkRank(Shape shape) {
        if (!acceptsRank(shape.rank())) {
            String expected = expectedShape(isBuilt() ? Integer.toString(numFeatures) : "C");
            // The other batch norm takes this rank when it is 2 to 4: say which.
            boolean images = shape.rank() == 4;
            if (shape.rank() < 2 || shape.rank() > 4) {
                throw shapeError(expected, shape);
            }
            throw shapeError(expected, shape, "for " + (images ? "images use BatchNorm2d" : "features [N, C] or"
                    + " sequences [N, C, L] use BatchNorm1d"), "for " + (images ? "images use {type: batch_norm2d}"
                    : "features [N, C] or sequences [N, C, L] use {type: batch_norm1d}"));
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        checkRank(input.shape());
        if (input.dim(1) != numFeatures) {
            throw shapeError(expectedShape(Integer.toString(numFeatures)), input.shape());
        }
        int[] perChannel = new int[input.rank()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = numFeatures;
        Tensor mean;
        Tensor variance;
        if (isTraining() && isTrainable()) {
            int[] axes = statisticsAxes(input.rank());
            mean = input.mean(axes, true);
            variance = input.var(axes, 0, true);
            updateRunningStatistics(mean, variance, input.size() / numFeatures, input.shape());
        } else {
            mean = buffer("running_mean").reshape(perChannel);
            variance = buffer("running_var").reshape(perChannel);
        }
        Tensor y = input.sub(mean).div(variance.add(eps).sqrt());
        return affine ? y.mul(weight.value().reshape(perChannel)).add(bias.value().reshape(perChannel)) : y;
    }

    private static int[] statisticsAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }

    private void updateRunningStatistics(Tensor mean, Tensor variance, int count, Shape inputShape) {
        if (count < 2) {
            throw new IllegalArgumentException(path() + ": training needs more than one value per channel,"
                    + " got input of shape " + inputShape + " (use a larger batch, or eval())");
        }
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor unbiased = variance.detach().reshape(numFeatures).mul((float) count / (count - 1));
            blend("running_mean", mean.detach().reshape(numFeatures));
            blend("running_var", unbiased);
            updateBuffer("num_batches_tracked", buffer("num_batches_tracked").add(1f));
        }
    }

    private void blend(String name, Tensor batchValue) {
        updateBuffer(name, buffer(name).mul(1f - momentum).add(batchValue.mul(momentum)));
    }

    /** The number of channels; -1 before the layer is built. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The scale γ, {@code [C]}, starting at 1; null without affine or before the build. */
    public Parameter weight() {
        return weight;
    }

    /** The shift β, {@code [C]}, starting at 0; null without affine or before the build. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean, {@code [C]} (the live buffer); null before the build. */
    public Tensor runningMean() {
        return isBuilt() ? buffer("running_mean") : null;
    }

    /** The running unbiased variance, {@code [C]} (the live buffer); null before the build. */
    public Tensor runningVar() {
        return isBuilt() ? buffer("running_var") : null;
    }

    /** The number of training batches seen, a 0-d tensor; null before the build. */
    public Tensor numBatchesTracked() {
        return isBuilt() ? buffer("num_batches_tracked") : null;
    }

    /** The constant added to the variance. */
    public float eps() {
        return eps;
    }

    /** The weight of the newest batch in the running statistics (PyTorch's convention). */
    public float momentum() {
        return momentum;
    }

    /** Whether the layer has a learned weight and bias. */
    public boolean affine() {
        return affine;
    }

    @Override
    protected String describe() {
        return "features=" + (numFeatures < 0 ? "?" : numFeatures) + ", eps=" + eps + ", momentum=" + momentum
                + ", affine=" + affine;
    }
}
