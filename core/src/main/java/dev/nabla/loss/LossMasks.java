package dev.nabla.loss;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** Loss values over the real steps of padded sequences: {@link Loss#apply(Tensor, Tensor, Tensor)}. */
final class LossMasks {

    private LossMasks() {
    }

    /** {@code values [N, T, ...]} weighed by {@code mask [N, T]} and reduced; the mean is over the real steps. */
    static Tensor reduce(String loss, Reduction reduction, Tensor values, Tensor mask) {
        int[] valueShape = values.shape().toArray();
        int[] maskShape = mask.shape().toArray();
        if (maskShape.length > valueShape.length
                || !Arrays.equals(maskShape, Arrays.copyOf(valueShape, maskShape.length))) {
            throw new IllegalArgumentException(loss + ": a mask " + mask.shape() + " must cover the first axes of the"
                    + " loss values " + values.shape() + " (one per step of [batch, time] targets): the loss gives one"
                    + " value per " + describe(valueShape) + ", so give a mask of shape [batch, time] for per-step"
                    + " targets, or none for one target per sequence");
        }
        int[] broadcast = Arrays.copyOf(maskShape, valueShape.length);
        Arrays.fill(broadcast, maskShape.length, broadcast.length, 1);
        Tensor weights = mask.detach().reshape(broadcast);
        Tensor weighted = values.mul(weights);
        return switch (reduction) {
            case NONE -> weighted;
            case SUM -> weighted.sum();
            case MEAN -> weighted.sum().div(weights.broadcastTo(Shape.of(valueShape)).sum()
                    .maximum(Tensor.scalar(Float.MIN_NORMAL)));
        };
    }

    private static String describe(int[] shape) {
        return shape.length == 0 ? "batch" : "element of " + Arrays.toString(shape);
    }
}
