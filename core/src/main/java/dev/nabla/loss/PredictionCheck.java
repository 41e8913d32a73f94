package dev.nabla.loss;

import dev.nabla.tensor.AdvisedException;
import dev.nabla.tensor.Tensor;
import java.util.Locale;

/**
 * A look at a model's first outputs against what its loss expects, because a mismatch trains
 * silently to nonsense: a model ending in raw scores (logits) under a loss that takes
 * probabilities (Keras's default, {@code from_logits=False}) reaches a tiny loss and chance
 * accuracy. {@code Model} runs it on the first batch after {@code compile}.
 *
 * <ul>
 *   <li>A loss that takes probabilities, given values outside [0, 1] (or, for a categorical loss,
 *       rows that do not sum to 1), is an error ({@link AdvisedException}) naming {@code from_logits},
 *       with the fix in Java and in an experiment file.</li>
 *   <li>A loss that takes logits, given what looks like a softmax's or a sigmoid's output, is a
 *       warning: the loss applies softmax or sigmoid again, which trains, but slowly and badly.</li>
 * </ul>
 */
public final class PredictionCheck {

    /** How far from 1 a row of probabilities may sum (float32 softmax is within about 1e-6). */
    private static final double SUM_TOLERANCE = 1e-3;
    /** How far outside [0, 1] a probability may lie (rounding). */
    private static final double RANGE_TOLERANCE = 1e-6;
    /** Fewer binary outputs than this are too few to call logits probabilities. */
    private static final int BINARY_SAMPLE = 8;

    private enum Expected { PROBABILITIES, DISTRIBUTIONS, BINARY_LOGITS, CATEGORICAL_LOGITS, ANYTHING }

    private PredictionCheck() {
    }

    /**
     * Checks {@code predictions} against {@code loss}; returns a warning to show the user, or
     * null when all is well.
     *
     * @throws IllegalArgumentException when a probability loss is given values that are not probabilities
     */
    public static String check(Loss loss, Tensor predictions) {
        Expected expected = expected(loss);
        if (expected == Expected.ANYTHING || predictions.size() == 0 || predictions.rank() == 0) {
            return null;
        }
        Statistics s = Statistics.of(predictions);
        if (Double.isNaN(s.min) || Double.isNaN(s.max)) {
            return null; // a diverged model: TerminateOnNaN's business, not a mismatch
        }
        String name = loss.getClass().getSimpleName();
        boolean inRange = s.min >= -RANGE_TOLERANCE && s.max <= 1 + RANGE_TOLERANCE;
        boolean rowsSumToOne = Math.abs(s.smallestRowSum - 1) <= SUM_TOLERANCE
                && Math.abs(s.largestRowSum - 1) <= SUM_TOLERANCE;
        switch (expected) {
            case PROBABILITIES -> {
                if (!inRange) {
                    throw mismatch(loss, "takes probabilities in [0, 1], but the model's outputs range from "
                            + s.range() + ": without a sigmoid at its end a model outputs logits", "sigmoid");
                }
            }
            case DISTRIBUTIONS -> {
                if (!inRange || !rowsSumToOne) {
                    throw mismatch(loss, "takes probabilities (values in [0, 1] whose rows sum to 1), but the model's"
                            + " outputs range from " + s.range() + " and their rows sum to " + s.sums()
                            + ": without a softmax at its end a model outputs logits", "softmax");
                }
            }
            case CATEGORICAL_LOGITS -> {
                if (inRange && rowsSumToOne && predictions.dim(-1) > 1) {
                    return name + " takes logits (from_logits is true), but the model's outputs look like"
                            + " probabilities (in [0, 1], rows summing to 1): a softmax would be applied twice."
                            + " Remove the model's final softmax, or set from_logits to false.";
                }
            }
            case BINARY_LOGITS -> {
                if (s.min > 0 && s.max < 1 && predictions.size() >= BINARY_SAMPLE) {
                    return name + " takes logits (from_logits is true), but the model's outputs all lie in"
                            + " (0, 1), like a sigmoid's: a sigmoid would be applied twice. Remove the model's"
                            + " final sigmoid, or set from_logits to false.";
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static Expected expected(Loss loss) {
        return switch (loss) {
            case BinaryCrossEntropy b -> b.fromLogits() ? Expected.BINARY_LOGITS : Expected.PROBABILITIES;
            case BinaryFocalLoss b -> b.fromLogits() ? Expected.BINARY_LOGITS : Expected.PROBABILITIES;
            case CategoricalCrossEntropy c -> c.fromLogits() ? Expected.CATEGORICAL_LOGITS : Expected.DISTRIBUTIONS;
            case SparseCategoricalCrossEntropy c -> c.fromLogits() ? Expected.CATEGORICAL_LOGITS : Expected.DISTRIBUTIONS;
            case CategoricalFocalLoss c -> c.fromLogits() ? Expected.CATEGORICAL_LOGITS : Expected.DISTRIBUTIONS;
            case KullbackLeiblerDivergence k -> switch (k.input()) {
                case PROBABILITIES -> Expected.DISTRIBUTIONS;
                case LOGITS -> Expected.CATEGORICAL_LOGITS;
                case LOG_PROBABILITIES -> Expected.ANYTHING;
            };
            default -> Expected.ANYTHING;
        };
    }

    /** Logits under a probability loss: the fix in Java and in an experiment file. */
    private static AdvisedException mismatch(Loss loss, String problem, String activation) {
        String yamlName = switch (loss) {
            case BinaryCrossEntropy b -> "binary_crossentropy";
            case BinaryFocalLoss b -> "binary_focal_crossentropy";
            case CategoricalCrossEntropy c -> "categorical_crossentropy";
            case SparseCategoricalCrossEntropy c -> "sparse_categorical_crossentropy";
            case CategoricalFocalLoss c -> "categorical_focal_crossentropy";
            default -> "kl_divergence";
        };
        String name = loss.getClass().getSimpleName();
        return new AdvisedException(name, problem,
                "set from_logits: new " + name + "().fromLogits(true), or end the model with a " + activation,
                "write loss: {name: " + yamlName + ", from_logits: true}, or end the model with activation: "
                        + activation);
    }

    /** The smallest and largest value, and the smallest and largest sum along the last axis. */
    private record Statistics(double min, double max, double smallestRowSum, double largestRowSum) {

        static Statistics of(Tensor predictions) {
            float[] values = predictions.toFloatArray();
            int width = predictions.dim(-1);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double smallest = Double.POSITIVE_INFINITY;
            double largest = Double.NEGATIVE_INFINITY;
            for (int row = 0; row < values.length / width; row++) {
                double sum = 0;
                for (int i = row * width; i < (row + 1) * width; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                    sum += values[i];
                }
                smallest = Math.min(smallest, sum);
                largest = Math.max(largest, sum);
            }
            return new Statistics(min, max, smallest, largest);
        }

        String range() {
            return format(min) + " to " + format(max);
        }

        String sums() {
            return smallestRowSum == largestRowSum ? format(smallestRowSum)
                    : "between " + format(smallestRowSum) + " and " + format(largestRowSum);
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.4g", value);
        }
    }
}
