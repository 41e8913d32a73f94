package dev.nabla.train;

import dev.nabla.loss.Loss;
import dev.nabla.loss.Reduction;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Keras's class weights: each sample's loss times its class's weight, summed and divided by
 * the batch size. Targets are integer labels {@code [N]} / {@code [N, 1]} or one-hot {@code [N, C]}.
 */
final class ClassWeighting {

    private ClassWeighting() {
    }

    static Tensor weightedLoss(Loss loss, Tensor predictions, Tensor targets, Tensor classWeights) {
        Tensor perSample = loss.withReduction(Reduction.NONE).apply(predictions, targets);
        int n = predictions.dim(0);
        if (perSample.rank() > 1) {
            perSample = perSample.reshape(n, -1).mean(1);
        }
        Tensor labels = targets.rank() == 2 && targets.dim(1) > 1 ? targets.argmax(1, false) : targets.reshape(n);
        Tensor weights = classWeights.indexSelect(0, labels.to(DType.INT32));
        return perSample.mul(weights).sum().div((float) n);
    }
}
