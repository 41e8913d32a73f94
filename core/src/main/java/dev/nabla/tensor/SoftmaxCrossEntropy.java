package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;
import java.util.Arrays;

/**
 * Cross-entropy of logits against class indices as one op: {@code −log softmax(x)[label]}
 * per sample (PyTorch's {@code F.cross_entropy(..., reduction='none')} with class-index
 * targets). It computes what {@code x.logSoftmax(-1).gather(-1, labels.unsqueeze(-1))} and a
 * negation compute, with one pass over each row forward (its maximum, then the sum of
 * exponentials) and one backward ({@code g·(softmax(x) − onehot(label))}), and without
 * keeping the log-probabilities of every class.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * The loss of each sample: logits {@code [..., classes]} and labels {@code [...]} holding
     * class indices (whole numbers in any dtype) → {@code [...]}. Differentiable in the logits.
     *
     * @throws IllegalArgumentException when the labels' shape is not the logits' without its
     *     last axis, or a label is not a class index
     */
    public static Tensor perSample(Tensor logits, Tensor labels) {
        int classes = logits.rank() == 0 ? 0 : logits.dim(-1);
        int[] expected = Arrays.copyOf(logits.shape().toArray(), Math.max(logits.rank() - 1, 0));
        if (classes == 0 || !Arrays.equals(labels.shape().toArray(), expected)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits " + logits.shape() + " need a class axis"
                    + " (the last) and labels of shape " + Shape.of(expected) + ", got labels " + labels.shape());
        }
        int[] label = Indexing.toIndices("softmaxCrossEntropy", labels, classes, "the class axis of " + logits.shape());
        Tensor x = logits.floatData();
        float[] values = x.data();
        int rows = label.length;
        float[] shift = new float[rows];
        float[] logSum = new float[rows];
        float[] losses = new float[rows];
        Kernels k = KernelProvider.get();
        Parallel.forChunks(rows, Math.max(1, Pointwise.GRAIN / classes), (s, e) -> {
            for (int r = s; r < e; r++) {
                int base = x.offset() + r * classes;
                float m = k.max(values, base, classes);
                shift[r] = Float.isInfinite(m) ? 0f : m;
                // (x - shift) - log Σ, as logSoftmax computes it, negated.
                logSum[r] = (float) Math.log(k.sumExp(values, base, classes, shift[r]));
                losses[r] = -((values[base + label[r]] - shift[r]) - logSum[r]);
            }
        });
        DType dtype = DType.floating(logits);
        Tensor y = Tensor.wrap(losses, Shape.of(expected), dtype);
        return Autograd.record("softmaxCrossEntropy", y, g -> {
            float[] perSample = Layout.toArray(g);
            float[] grad = new float[rows * classes];
            Parallel.forChunks(rows, Math.max(1, Pointwise.GRAIN / classes), (s, e) -> {
                for (int r = s; r < e; r++) {
                    int base = x.offset() + r * classes;
                    int out = r * classes;
                    // (x - shift) - log Σ: the log-softmax, in the roundings of the forward pass.
                    k.binary(BinaryOp.SUB, values, base, 1, shift, r, 0, grad, out, classes);
                    k.binary(BinaryOp.SUB, grad, out, 1, logSum, r, 0, grad, out, classes);
                    k.unary(UnaryOp.EXP, 0f, grad, out, grad, out, classes);   // softmax
                    k.binary(BinaryOp.MUL, grad, out, 1, perSample, r, 0, grad, out, classes);
                    grad[out + label[r]] -= perSample[r];
                }
            });
            return new Tensor[] {Tensor.wrap(grad, logits.shape(), dtype), null};
        }, logits, labels);
    }
}
