package dev.nabla.nn;

/**
 * Batch normalisation of features (PyTorch {@code nn.BatchNorm1d}, Keras
 * {@code BatchNormalization} on channels-first data): {@code [N, C] → [N, C]} or
 * {@code [N, C, L] → [N, C, L]}, normalised per channel over the batch (and length).
 *
 * <p>{@code y = (x − mean) / sqrt(var + eps) · weight + bias}, with the batch mean and
 * biased variance in training mode and the running statistics in evaluation mode or when
 * frozen ({@code setTrainable(false)}). Defaults are PyTorch's: eps 1e-5, momentum 0.1,
 * weight 1, bias 0. Momentum is the weight of the new batch; Keras's {@code momentum} is the
 * weight of the old value, so PyTorch's 0.1 is Keras's 0.9, and Keras's default 0.99 is
 * {@code momentum = 0.01} here (Keras's default epsilon is 1e-3). The state dict holds
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var} and
 * {@code num_batches_tracked}, as PyTorch's.
 */
public class BatchNorm1d extends BatchNorm {

    /** Batch norm whose channel count C is taken from the first input (PyTorch's {@code LazyBatchNorm1d}). */
    public BatchNorm1d() {
        this(Config.of());
    }

    /** Batch norm over {@code numFeatures} channels (PyTorch's {@code nn.BatchNorm1d(num_features)}), built at once. */
    public BatchNorm1d(int numFeatures) {
        this(Config.of().numFeatures(numFeatures));
    }

    /** Batch norm with the given settings: {@code new BatchNorm1d(BatchNorm1d.Config.of().eps(1e-3f)
            .momentum(0.01f))}. */
    public BatchNorm1d(Config config) {
        super(config);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String expectedShape(String channels) {
        return "[N, " + channels + "] or [N, " + channels + ", L]";
    }
}
