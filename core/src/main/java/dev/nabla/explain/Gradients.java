package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What the explanation methods share: the score of each sample's target class (the model's
 * output {@code [n, classes]} at the target, as Captum's {@code target}), and its gradient
 * with respect to the input, computed in evaluation mode. The backward pass also reaches the
 * model's parameters; their gradients are cleared afterwards, so explaining never leaks into
 * a training step.
 */
final class Gradients {

    private Gradients() {
    }

    /** The target of each of {@code n} samples: one class for all, or one per sample. */
    static int[] targets(int n, int[] targets) {
        if (targets.length == 1) {
            int[] all = new int[n];
            Arrays.fill(all, targets[0]);
            return all;
        }
        if (targets.length != n) {
            throw new IllegalArgumentException("explain: give one target class for all " + n + " samples or one per"
                    + " sample; got " + targets.length);
        }
        return targets.clone();
    }

    /** {@code output[i, targets[i]]} for each sample: {@code [n, classes] → [n]}. */
    static Tensor scores(Tensor output, int[] targets) {
        if (output.shape().rank() != 2) {
            throw new IllegalArgumentException("explain: the model's output must be [samples, classes]; got "
                    + output.shape());
        }
        int classes = output.dim(1);
        float[] mask = new float[output.dim(0) * classes];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("explain: target class " + targets[i] + " of sample " + i
                        + " is not among the model's " + classes + " outputs");
            }
            mask[i * classes + targets[i]] = 1;
        }
        return output.mul(Tensor.of(mask, output.dim(0), classes)).sum(1);
    }

    /** The gradient of the targets' summed scores with respect to {@code input}, the model in evaluation mode. */
    static Tensor ofInput(Layer model, Tensor input, int[] targets) {
        Tensor leaf = input.detach().requiresGrad(true);
        backward(model, m -> scores(m.forward(leaf), targets).sum());
        return leaf.grad();
    }

    /** The targets' scores without recording gradients: {@code [n]}. */
    static float[] scoresOf(Layer model, Tensor input, int[] targets) {
        return inEvaluation(model, () -> {
            try (var noGrad = NoGrad.enter()) {
                return scores(model.forward(input), targets).toFloatArray();
            }
        });
    }

    /** Runs {@code loss} on the model in evaluation mode, back-propagates it, then clears the parameters' gradients. */
    static void backward(Layer model, Function<Layer, Tensor> loss) {
        inEvaluation(model, () -> {
            try {
                loss.apply(model).backward();
            } finally {
                model.parameters().forEach(Parameter::zeroGrad);
            }
            return null;
        });
    }

    private static <T> T inEvaluation(Layer model, java.util.function.Supplier<T> work) {
        boolean training = model.isTraining();
        model.eval();
        try {
            return work.get();
        } finally {
            if (training) {
                model.train();
            }
        }
    }
}
