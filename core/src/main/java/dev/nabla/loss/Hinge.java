package dev.nabla.loss;

import dev.nabla.tensor.Tensor;

/**
 * The hinge loss {@code max(1 − target·prediction, 0)} of each element, for classifiers that
 * output a score whose sign is the class (support vector machines): Keras's {@code Hinge}
 * ({@code "hinge"}). PyTorch has no module for it ({@code HingeEmbeddingLoss} is another loss).
 *
 * <p>Targets are −1 or 1; as in Keras, targets that are all 0 or 1 are read as labels and
 * mapped to −1 and 1. Predictions and targets have the same shape; {@link Reduction#NONE}
 * returns the loss of each element in that shape (Keras averages over the last axis first;
 * the {@link Reduction#MEAN} result is the same either way).
 */
public record Hinge(Reduction reduction) implements Loss {

    private static final String NAME = "Hinge";

    public Hinge {
        LossSupport.requireNonNull(NAME, "reduction", reduction);
    }

    /** The mean over all elements. */
    public Hinge() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor predictions, Tensor targets) {
        LossSupport.requireSameShape(NAME, predictions, targets, "");
        Tensor signs = isZeroOne(targets) ? targets.mul(2f).sub(1f) : targets;
        return reduction.reduce(signs.mul(predictions).neg().add(1f).relu());
    }

    private static boolean isZeroOne(Tensor targets) {
        for (float v : targets.toFloatArray()) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Hinge withReduction(Reduction value) {
        return new Hinge(value);
    }
}
