package dev.nabla.cli;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;

/**
 * Fits a straight line {@code y = slope·x + intercept} to noisy points of
 * {@code y = 3x + 2} with autograd and plain gradient descent on the mean squared error:
 * the smallest complete training loop.
 */
final class LineFit {

    static final float TRUE_SLOPE = 3f;
    static final float TRUE_INTERCEPT = 2f;
    static final String TRUE_LINE = "y = 3x + 2";
    static final int POINTS = 200;
    static final float NOISE = 0.05f;

    /** The fitted line and the loss of the last step. */
    record Result(float slope, float intercept, float loss) {
    }

    /** Told the loss of every step, before that step's update. */
    @FunctionalInterface
    interface StepListener {
        void onStep(int step, float loss);
    }

    private LineFit() {
    }

    /** Draws the points from {@code seed} and runs {@code steps} steps of gradient descent. */
    static Result fit(long seed, int steps, float learningRate, StepListener listener) {
        Generator generator = new Generator(seed);
        Tensor x = Tensor.uniform(generator, -1f, 1f, POINTS, 1);              // [200, 1]
        Tensor noise = Tensor.randn(generator, POINTS, 1).mul(NOISE);
        Tensor y = x.mul(TRUE_SLOPE).add(TRUE_INTERCEPT).add(noise);           // [200, 1]

        Tensor w = Tensor.zeros(1, 1).requiresGrad(true);                      // [1, 1]
        Tensor b = Tensor.zeros(1).requiresGrad(true);                         // [1]
        float loss = Float.NaN;
        for (int step = 0; step < steps; step++) {
            Tensor lossTensor = x.matmul(w).add(b).sub(y).pow(2f).mean();
            lossTensor.backward();
            loss = lossTensor.item();
            listener.onStep(step, loss);
            try (NoGrad _ = NoGrad.enter()) {
                w.assign(w.sub(w.grad().mul(learningRate)));
                b.assign(b.sub(b.grad().mul(learningRate)));
            }
            w.zeroGrad();
            b.zeroGrad();
        }
        return new Result(w.item(), b.item(), loss);
    }
}
