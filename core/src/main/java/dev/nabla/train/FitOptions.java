package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.optim.LossScaling;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one {@link Model#fit} run, Keras's keyword arguments as an immutable
 * value: {@code FitOptions.defaults().epochs(10).batchSize(64).validationSplit(0.1f)}.
 *
 * @param epochs          the epoch to stop after (with {@code initialEpoch}, the total count)
 * @param batchSize       samples per gradient step (Keras's default 32)
 * @param validationSplit the fraction of the data, taken from its end before shuffling, held
 *                        out for validation (as Keras)
 * @param validationData  a separate validation set, or null
 * @param shuffle         whether each epoch sees a fresh random order
 * @param seed            the seed of the shuffling order
 * @param classWeights    a weight per class multiplying each sample's loss, or null
 * @param callbacks       callbacks besides the progress bar and the history
 * @param initialEpoch    the epoch to start from, to resume a run
 * @param verbose         whether to print Keras's progress bar
 * @param gradients       clipping and accumulation of the gradients ({@link GradientOptions#NONE} by default)
 */
public record FitOptions(int epochs, int batchSize, float validationSplit, Dataset validationData, boolean shuffle,
                         long seed, float[] classWeights, List<Callback> callbacks, int initialEpoch,
                         boolean verbose, GradientOptions gradients) {

    /** Checks the values. */
    public FitOptions {
        if (epochs < 1 || batchSize < 1 || initialEpoch < 0 || initialEpoch >= epochs) {
            throw new IllegalArgumentException("FitOptions: need epochs ≥ 1, batchSize ≥ 1 and 0 ≤ initialEpoch"
                    + " < epochs; got epochs " + epochs + ", batchSize " + batchSize + ", initialEpoch " + initialEpoch);
        }
        if (!(validationSplit >= 0f && validationSplit < 1f)) {
            throw new IllegalArgumentException("FitOptions: validationSplit must be in [0, 1), got " + validationSplit);
        }
        callbacks = List.copyOf(callbacks);
        if (gradients == null) {
            throw new IllegalArgumentException("FitOptions: gradients must be given (GradientOptions.NONE for none)");
        }
    }

    /** One epoch, batch 32, shuffled with seed 0, progress bar on, no validation. */
    public static FitOptions defaults() {
        return new FitOptions(1, 32, 0f, null, true, 0L, null, List.of(), 0, true, GradientOptions.NONE);
    }

    /** Train until this epoch count. */
    public FitOptions epochs(int value) {
        return new FitOptions(value, batchSize, validationSplit, validationData, shuffle, seed, classWeights,
                callbacks, initialEpoch, verbose, gradients);
    }

    /** Samples per step. */
    public FitOptions batchSize(int value) {
        return new FitOptions(epochs, value, validationSplit, validationData, shuffle, seed, classWeights, callbacks,
                initialEpoch, verbose, gradients);
    }

    /** Hold out the last fraction of the data for validation. */
    public FitOptions validationSplit(float value) {
        return new FitOptions(epochs, batchSize, value, validationData, shuffle, seed, classWeights, callbacks,
                initialEpoch, verbose, gradients);
    }

    /** Validate on a separate data set after each epoch. */
    public FitOptions validationData(Dataset value) {
        return new FitOptions(epochs, batchSize, validationSplit, value, shuffle, seed, classWeights, callbacks,
                initialEpoch, verbose, gradients);
    }

    /** Shuffle each epoch (true by default) with the given seed. */
    public FitOptions shuffle(boolean value, long shuffleSeed) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, value, shuffleSeed, classWeights,
                callbacks, initialEpoch, verbose, gradients);
    }

    /** Weigh each sample's loss by its class's weight (Keras's class_weight). */
    public FitOptions classWeights(float... value) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, seed, value.clone(),
                callbacks, initialEpoch, verbose, gradients);
    }

    /** Add callbacks. */
    public FitOptions callbacks(Callback... value) {
        List<Callback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(value));
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, seed, classWeights, all,
                initialEpoch, verbose, gradients);
    }

    /** Start counting epochs here (resuming a run). */
    public FitOptions initialEpoch(int value) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, seed, classWeights,
                callbacks, value, verbose, gradients);
    }

    /** Print the progress bar or not. */
    public FitOptions verbose(boolean value) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, seed, classWeights,
                callbacks, initialEpoch, value, gradients);
    }

    /** Clip and accumulate gradients as {@code value} says. */
    public FitOptions gradients(GradientOptions value) {
        return new FitOptions(epochs, batchSize, validationSplit, validationData, shuffle, seed, classWeights,
                callbacks, initialEpoch, verbose, value);
    }

    /** Clip each parameter's gradient to this L2 norm (Keras {@code clipnorm}); replaces any other clipping. */
    public FitOptions clipNorm(float value) {
        return gradients(gradients.clipNorm(value));
    }

    /** Clip all gradients to this global L2 norm (Keras {@code global_clipnorm}, PyTorch {@code clip_grad_norm_}). */
    public FitOptions globalClipNorm(float value) {
        return gradients(gradients.globalClipNorm(value));
    }

    /** Clip each gradient element to [−value, value] (Keras {@code clipvalue}, PyTorch {@code clip_grad_value_}). */
    public FitOptions clipValue(float value) {
        return gradients(gradients.clipValue(value));
    }

    /** Update every {@code value} batches on their averaged gradients (Keras {@code gradient_accumulation_steps}). */
    public FitOptions gradientAccumulationSteps(int value) {
        return gradients(gradients.accumulationSteps(value));
    }

    /** Scale the loss as {@code value} says (PyTorch's {@code GradScaler}); null for no scaling. */
    public FitOptions lossScaling(LossScaling value) {
        return gradients(gradients.lossScaling(value));
    }
}
