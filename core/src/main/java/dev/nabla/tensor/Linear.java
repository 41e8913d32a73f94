package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;
import java.util.Arrays;

/**
 * The fully connected layer as one op: {@code activation(x·Wᵀ + b)} (PyTorch's
 * {@code F.linear} and the activation after it; Keras's {@code Dense} with an activation).
 *
 * <p>Forward is one GEMM, then one pass over its output that adds the bias and applies the
 * activation. Backward applies the activation's derivative in one pass, then takes the
 * input's gradient {@code g·W}, the weight's {@code gᵀ·x} straight in the weight's
 * {@code [out, in]} layout, and the bias's as column sums of {@code g}: no transposed
 * copies and no intermediate graph nodes. The values are those of the unfused ops
 * {@code x.matmul(W.transpose(0, 1)).add(b)} and the activation, except that the bias
 * gradient is summed in another (fixed) order.
 */
public final class Linear {

    private Linear() {
    }

    /**
     * {@code activation(input·weightᵀ + bias)}: {@code [..., in]} with a weight {@code [out, in]}
     * and a bias {@code [out]} (or null for none) → {@code [..., out]}.
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias, ActivationFunction activation) {
        if (Autocast.casts(input, weight, bias)) {
            return linear(Autocast.cast(input), Autocast.cast(weight), Autocast.cast(bias), activation);
        }
        check(input, weight, bias);
        int out = weight.dim(0);
        int in = weight.dim(1);
        int rows = 1;
        for (int d = 0; d < input.rank() - 1; d++) {
            rows *= input.dim(d);
        }
        Tensor x = input.contiguousData();
        Tensor w = weight.contiguousData();
        Tensor b = bias == null ? null : bias.floatData();
        float[] biasValues = b == null ? null : b.data();
        DType dtype = DType.promote(input, weight, bias);
        Kernels k = KernelProvider.get();
        float[] z = new float[rows * out];
        if (NoGrad.isGradEnabled() || rows <= Kernels.ROW_INVARIANT_ROWS) {
            StorageGemm.gemm(k, false, true, rows, out, in, 1f, x.storage(), x.offset(), Math.max(in, 1),
                    w.storage(), w.offset(), Math.max(in, 1), 0f, z, 0, Math.max(out, 1));
        } else {
            rowInvariantProduct(k, x, w, z, rows, in, out);
        }
        UnaryOp op = activation.op();
        float param = activation.parameter();
        float[] y = activation.derivativeFromOutput() ? z : new float[z.length];
        if (b != null || op != null) {
            Parallel.forChunks(rows, Math.max(1, Pointwise.GRAIN / Math.max(out, 1)), (s, e) -> k.biasActivation(
                    op, param, z, s * out, biasValues, b == null ? 0 : b.offset(), y, s * out, e - s, out));
        }
        int[] dims = input.shape().toArray();
        dims[dims.length - 1] = out;
        Tensor result = Tensor.wrap(y, Shape.of(dims), dtype);
        // What the activation's derivative reads, kept in the result's dtype: a half result holds
        // no float32 copy of itself (its activations take half the memory).
        Tensor post = op == null ? null : result.detach();
        Tensor pre = op == null ? null : activation.derivativeFromOutput() ? post : Tensor.wrap(z, Shape.of(dims), dtype);
        Saved saved = new Saved(k, x, w, pre, post, rows, in, out, op, param);
        return Autograd.record("linear", result, g -> saved.backward(g, input, weight, bias),
                (g, needed) -> graphBackward(g, needed, input, weight, bias, activation, result), input, weight, bias);
    }

    /**
     * {@code z = x·wᵀ} in groups of {@link Kernels#ROW_INVARIANT_ROWS} rows, each summed as it
     * would be alone: recording nothing (inference), a sample's output then does not depend on the
     * batch it sits in, so a server batching requests answers each exactly as a one-sample
     * predict would. The groups run in parallel; training keeps one blocked product.
     */
    private static void rowInvariantProduct(Kernels k, Tensor x, Tensor w, float[] z, int rows, int in, int out) {
        int group = Kernels.ROW_INVARIANT_ROWS;
        int groups = (rows + group - 1) / group;
        Parallel.RangeBody body = (first, end) -> {
            for (int g = first; g < end; g++) {
                int row = g * group;
                StorageGemm.gemm(k, false, true, Math.min(group, rows - row), out, in, 1f, x.storage(),
                        x.offset() + row * in, Math.max(in, 1), w.storage(), w.offset(), Math.max(in, 1), 0f, z,
                        row * out, Math.max(out, 1));
            }
        };
        if ((long) rows * in * out <= 64L * 64 * 64) {
            body.run(0, groups);
        } else {
            Parallel.forChunks(groups, Math.max(1, groups / (2 * Parallel.threads())), body);
        }
    }

    /** The same gradients as recorded ops (gradients of gradients): g·W, gᵀ·x and the column sums of g. */
    private static Tensor[] graphBackward(Tensor g, boolean[] needed, Tensor input, Tensor weight, Tensor bias,
                                          ActivationFunction activation, Tensor result) {
        Tensor gz = UnaryDerivatives.activationChainRule(activation, result,
                () -> linear(input, weight, bias, ActivationFunction.LINEAR), g);
        Tensor rows = gz.reshape(-1, weight.dim(0));
        return new Tensor[] {
            needed[0] ? gz.matmul(weight) : null,
            needed[1] ? rows.transpose(0, 1).matmul(input.reshape(-1, weight.dim(1))) : null,
            bias != null && needed[2] ? rows.sum(0) : null};
    }

    /** What backward needs from forward. */
    private record Saved(Kernels k, Tensor x, Tensor w, Tensor pre, Tensor post, int rows, int in, int out,
                         UnaryOp op, float param) {

        Tensor[] backward(Tensor g, Tensor input, Tensor weight, Tensor bias) {
            Tensor gradient = g.floatData();
            float[] gz = gradient.data();
            int gzOff = gradient.offset();
            if (op != null) {
                float[] y = post.floatData().data();
                gz = Pointwise.chainRule(op, param, pre == post ? y : pre.floatData().data(), 0, y, gradient);
                gzOff = 0;
            }
            return new Tensor[] {
                input.requiresGrad() ? inputGradient(gz, gzOff, input.shape()) : null,
                weight.requiresGrad() ? weightGradient(gz, gzOff) : null,
                bias != null && bias.requiresGrad() ? biasGradient(gz, gzOff) : null};
        }

        /** g·W: [rows, out] · [out, in]. */
        private Tensor inputGradient(float[] gz, int gzOff, Shape shape) {
            float[] dx = new float[rows * in];
            StorageGemm.gemm(k, false, false, rows, in, out, 1f, gz, gzOff, Math.max(out, 1), w.storage(), w.offset(),
                    Math.max(in, 1), 0f, dx, 0, Math.max(in, 1));
            return Tensor.wrap(dx, shape, DType.floating(x)).unshared();
        }

        /** gᵀ·x: [out, rows] · [rows, in], in the weight's layout. */
        private Tensor weightGradient(float[] gz, int gzOff) {
            float[] dw = new float[out * in];
            StorageGemm.gemm(k, true, false, out, in, rows, 1f, gz, gzOff, Math.max(out, 1), x.storage(), x.offset(),
                    Math.max(in, 1), 0f, dw, 0, Math.max(in, 1));
            return Tensor.wrap(dw, Shape.of(out, in), DType.floating(w)).unshared();
        }

        /** The column sums of g: [out]. */
        private Tensor biasGradient(float[] gz, int gzOff) {
            float[] db = new float[out];
            // Whole vectors of columns per chunk (a multiple of 16 floats): a chunk of a few
            // columns would sum each column alone, one strided value per row (6 % of a transformer
            // step). A column's sum is the same whichever chunk it falls in.
            int columnsPerChunk = (Math.max(1, Pointwise.GRAIN / Math.max(rows, 1)) + 15) / 16 * 16;
            Parallel.forChunks(out, columnsPerChunk, (s, e) -> k.columnSums(gz, gzOff + s, out, rows, e - s, db, s));
            return Tensor.wrap(db, Shape.of(out)).unshared();
        }
    }

    private static void check(Tensor input, Tensor weight, Tensor bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear: the weight must be a matrix [out, in], got shape "
                    + weight.shape());
        }
        if (input.rank() == 0 || input.dim(-1) != weight.dim(1)) {
            throw new IllegalArgumentException("linear: an input of shape " + input.shape() + " does not fit a weight of"
                    + " shape " + weight.shape() + ": its last dimension must be " + weight.dim(1));
        }
        if (bias != null && !Arrays.equals(bias.shape().toArray(), new int[] {weight.dim(0)})) {
            throw new IllegalArgumentException("linear: the bias must have shape [" + weight.dim(0) + "], got "
                    + bias.shape());
        }
    }
}
