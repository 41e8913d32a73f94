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
        Tensor perSample = loss.withReduction(Reduction.NONE).apply(predictions, targets);
        int n = predictions.dim(0);
        if (perSample.rank() > 1) {
            perSample = perSample.reshape(n, -1).mean(1);
        }
        Tensor weights = sampleWeights;
        if (classWeights != null) {
            Tensor labels = targets.rank() == 2 && targets.dim(1) > 1 ? targets.argmax(1, false) : targets.reshape(n);
            Tensor byClass = classWeights.indexSelect(0, labels.to(DType.INT32));
            weights = weights == null ? byClass : weights.mul(byClass);
        }
        return perSample.mul(weights).sum().div((float) n);
    }
}
