package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** ONNX's BatchNormalization (inference and training mode), InstanceNormalization and LayerNormalization. */
final class BatchNormalization {

    private BatchNormalization() {
    }

    static List<Value> apply(OnnxNode n, List<Value> in) {
        Tensor x = required(n, in, 0).tensor();
        int[] perChannel = new int[x.rank()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = x.dim(1);
        Tensor scale = required(n, in, 1).tensor().reshape(perChannel);
        Tensor bias = required(n, in, 2).tensor().reshape(perChannel);
        Tensor runningMean = required(n, in, 3).tensor();
        Tensor runningVar = required(n, in, 4).tensor();
        float eps = n.real("epsilon", 1e-5f);
        boolean training = n.integer("training_mode", 0) != 0;
        if (!training) {
            Tensor y = x.sub(runningMean.reshape(perChannel)).div(runningVar.reshape(perChannel).add(eps).sqrt());
            return List.of(Value.of(y.mul(scale).add(bias)));
        }
        int[] axes = new int[x.rank() - 1];
        for (int i = 1; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        Tensor mean = x.mean(axes, true);
        Tensor variance = x.var(axes, 0, true);
        Tensor y = x.sub(mean).div(variance.add(eps).sqrt()).mul(scale).add(bias);
        float momentum = n.real("momentum", 0.9f);
        Tensor newMean = runningMean.mul(momentum).add(mean.reshape(x.dim(1)).mul(1f - momentum));
        Tensor newVar = runningVar.mul(momentum).add(variance.reshape(x.dim(1)).mul(1f - momentum));
        return List.of(Value.of(y), Value.of(newMean), Value.of(newVar));
    }

    /** Normalizes over the axes from {@code axis} on; outputs Y, Mean and InvStdDev (kept dimensions). */
    static List<Value> layerNorm(OnnxNode n, List<Value> in) {
        Tensor x = required(n, in, 0).tensor();
        int axis = (int) n.integer("axis", -1);
        int first = axis < 0 ? axis + x.rank() : axis;
        int[] axes = new int[x.rank() - first];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = first + i;
        }
        Tensor mean = x.mean(axes, true);
        Tensor centered = x.sub(mean);
        Tensor inverse = Tensor.scalar(1f).div(centered.mul(centered).mean(axes, true)
                .add(n.real("epsilon", 1e-5f)).sqrt());
        Tensor y = centered.mul(inverse).mul(required(n, in, 1).tensor());
        Value bias = optional(in, 2);
        if (bias != null) {
            y = y.add(bias.tensor());
        }
        return List.of(Value.of(y), Value.of(mean), Value.of(inverse));
    }

    /** Each sample's channels normalized over their spatial axes, then scaled and shifted per channel. */
    static List<Value> instanceNorm(OnnxNode n, List<Value> in) {
        Tensor x = required(n, in, 0).tensor();
        if (x.rank() < 3) {
            throw new IllegalArgumentException("InstanceNormalization takes [N, C, D1, ...], got " + x.shape());
        }
        int[] axes = new int[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        int[] perChannel = new int[x.rank()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = x.dim(1);
        Tensor centered = x.sub(x.mean(axes, true));
        Tensor variance = centered.mul(centered).mean(axes, true);
        Tensor y = centered.div(variance.add(n.real("epsilon", 1e-5f)).sqrt());
        return List.of(Value.of(y.mul(required(n, in, 1).tensor().reshape(perChannel))
                .add(required(n, in, 2).tensor().reshape(perChannel))));
    }
}
