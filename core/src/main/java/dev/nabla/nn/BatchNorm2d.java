package dev.nabla.nn;

/**
 * Batch normalisation of image channels (PyTorch {@code nn.BatchNorm2d}, Keras
 * {@code BatchNormalization(axis=1)}): {@code [N, C, H, W] → [N, C, H, W]}, normalised per
 * channel over the batch, height and width.
 *
 * <p>{@code y = (x − mean) / sqrt(var + eps) · weight + bias}, with the batch mean and
 * biased variance in training mode and the running statistics in evaluation mode or when
 * frozen ({@code setTrainable(false)}). Defaults are PyTorch's: eps 1e-5, momentum 0.1,
 * weight 1, bias 0. Momentum is the weight of the new batch; Keras's {@code momentum} is the
 * weight of the old value, so PyTorch's 0.1 is Keras's 0.9, and Keras's default 0.99 is
 * {@code momentum = 0.01} here (Keras's default epsilon is 1e-3, its default axis -1 is
 * channels-last). The state dict holds {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var} and {@code num_batches_tracked}, as PyTorch's.
 */
public class BatchNorm2d extends BatchNorm {

    /** Batch norm whose channel count C is taken from the first input (PyTorch's {@code LazyBatchNorm2d}). */
    public BatchNorm2d() {
        this(Config.of());
    }

    /** Batch norm over {@code numFeatures} channels (PyTorch's {@code nn.BatchNorm2d(num_features)}), built at once. */
    public BatchNorm2d(int numFeatures) {
        this(Config.of().numFeatures(numFeatures));
    }

    /** Batch norm with the given settings: {@code new BatchNorm2d(BatchNorm2d.Config.of().eps(1e-3f)
            .momentum(0.01f))}. */
    public BatchNorm2d(Config config) {
        super(config);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String expectedShape(String channels) {
        return "[N, " + channels + ", H, W]";
    }
}
