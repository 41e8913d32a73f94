package dev.nabla.tensor;

import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Parallel;
import java.util.Arrays;

/** Matrix products with NumPy's rules for vectors and broadcast batch dimensions. */
final class MatMul {

    /** Multiply-adds below which a batch of small products runs batches in parallel instead. */
    private static final long SMALL_PRODUCT = 64L * 64 * 64;

    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (Autocast.casts(a, b)) {
            return matmul(Autocast.cast(a), Autocast.cast(b));
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: " + a.shape() + " @ " + b.shape()
                    + ": both operands need at least one dimension (use mul for scalars)");
        }
        int ka = a.dim(-1);
        int kb = b.rank() == 1 ? b.dim(0) : b.dim(-2);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: " + a.shape() + " @ " + b.shape() + ": inner dimensions "
                    + ka + " and " + kb + " differ");
        }
        if (a.rank() == 1 && b.rank() == 1) {
            return matrices(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        }
        if (a.rank() == 1) {
            return matrices(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.rank() == 1) {
            return matrices(a, b.unsqueeze(1)).squeeze(-1);
        }
        return matrices(a, b);
    }

    /** [..., m, k] @ [..., k, n] with rank ≥ 2 on both sides. */
    private static Tensor matrices(Tensor a, Tensor b) {
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        Shape batch;
        try {
            batch = Shape.broadcast("matmul", batchShape(a), batchShape(b));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: " + a.shape() + " @ " + b.shape()
                    + ": batch dimensions " + batchShape(a) + " and " + batchShape(b) + " cannot be broadcast", e);
        }
        int[] outDims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Operand left = Operand.of(expandBatch(a, batch), m, k);
        Operand right = Operand.of(expandBatch(b, batch), k, n);
        float[] out = new float[batch.size() * m * n];
        Kernels kernels = KernelProvider.get();
        int batches = batch.size();
        long work = (long) m * n * k;
        int grain = work >= SMALL_PRODUCT ? 1 : (int) Math.max(1, SMALL_PRODUCT / Math.max(work, 1));
        if (k == 0) {
            grain = batches; // nothing to multiply: out stays zero
        }
        Parallel.forChunks(batches, grain, (s, e) -> {
            for (int i = s; i < e && k > 0; i++) {
                StorageGemm.gemm(kernels, left.transposed, right.transposed, m, n, k, 1f,
                        left.data.storage(), Pointwise.rowStartBatch(left.data, i), left.ld,
                        right.data.storage(), Pointwise.rowStartBatch(right.data, i), right.ld,
                        0f, out, i * m * n, n);
            }
        });
        Tensor y = Tensor.wrap(out, Shape.of(outDims), DType.promote(a, b));
        return Autograd.recordComposed("matmul", y, g -> new Tensor[] {
            a.requiresGrad() ? Pointwise.unbroadcast(g.matmul(b.transpose(-1, -2)), a.shape()) : null,
            b.requiresGrad() ? Pointwise.unbroadcast(a.transpose(-1, -2).matmul(g), b.shape()) : null}, a, b);
    }

    private static Shape batchShape(Tensor t) {
        return Shape.of(Arrays.copyOf(t.shape().toArray(), t.rank() - 2));
    }

    private static Tensor expandBatch(Tensor t, Shape batch) {
        int[] dims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = t.dim(-2);
        dims[batch.rank() + 1] = t.dim(-1);
        return Movement.broadcastTo(t.detach(), Shape.of(dims));
    }

    /** A batch of rows × cols matrices as the GEMM sees them: storage, transposition, leading dimension. */
    private record Operand(Tensor data, boolean transposed, int ld) {
        static Operand of(Tensor t, int rows, int cols) {
            int rowStride = t.stride(t.rank() - 2);
            int colStride = t.stride(t.rank() - 1);
            if (colStride == 1 && (rows == 1 || rowStride >= cols)) {
                return new Operand(t, false, rows == 1 ? Math.max(cols, 1) : rowStride);
            }
            if (rowStride == 1 && (cols == 1 || colStride >= rows)) {
                return new Operand(t, true, cols == 1 ? Math.max(rows, 1) : colStride);
            }
            Tensor copy = t.contiguousCopy();
            return new Operand(copy, false, Math.max(cols, 1));
        }
    }
}
