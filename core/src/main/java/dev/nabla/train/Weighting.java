package dev.nabla.train;

import dev.nabla.loss.Loss;
import dev.nabla.loss.Reduction;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Keras's class and sample weights: each sample's loss times its weights, summed and
 * divided by the batch size. For class weights, targets are integer labels {@code [N]} /
 * {@code [N, 1]} or one-hot {@code [N, C]}.
 */
final class Weighting {

    private Weighting() {
    }

    /** Either weight may be null (not both). */
    static Tensor weightedLoss(Loss loss, Tensor predictions, Tensor targets, Tensor classWeights,
                               Tensor sampleWeights) {
        return weightedLoss(loss, predictions, targets, classWeights, sampleWeights, null);
    }

    /**
     * The same; with a {@code mask [N, T]} (null for none) for
     * per-step targets, the weights multiply the mask and the sum is divided by the real steps,
     * as Keras does with a mask and sample weights.
     */
    static Tensor weightedLoss(Loss loss, Tensor predictions, Tensor targets, Tensor classWeights,
                               Tensor sampleWeights, Tensor mask) {
        Tensor perSample = loss.withReduction(Reduction.NONE).apply(predictions, targets);
        int n = predictions.dim(0);
        Tensor weights = sampleWeights;
        if (classWeights != null) {
            Tensor labels = targets.rank() == 2 && targets.dim(1) > 1 ? targets.argmax(1, false) : targets.reshape(n);
            Tensor byClass = classWeights.indexSelect(0, labels.to(DType.INT32));
            weights = weights == null ? byClass : weights.mul(byClass);
        }
        if (mask != null) {
            if (perSample.rank() < 2 || perSample.dim(0) != n || perSample.dim(1) != mask.dim(1)) {
                throw new IllegalArgumentException("the mask " + mask.shape() + " does not fit the loss values "
                        + perSample.shape() + ": a mask weighs per-step targets [batch, time]");
            }
            Tensor stepWeights = weights == null ? mask : mask.mul(weights.reshape(n, 1));
            Tensor perStep = perSample.reshape(n, mask.dim(1), -1).mean(2);
            return perStep.mul(stepWeights).sum().div(mask.sum().maximum(Tensor.scalar(Float.MIN_NORMAL)));
        }
        if (perSample.rank() > 1) {
            perSample = perSample.reshape(n, -1).mean(1);
        }
        return perSample.mul(weights).sum().div((float) n);
    }
}
