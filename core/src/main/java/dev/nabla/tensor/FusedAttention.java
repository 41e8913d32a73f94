package dev.nabla.tensor;

import dev.nabla.kernels.AttentionRows;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;

/**
 * {@link Attention#scaledDotProductAttention}'s forward and backward, and what backward keeps
 * from forward: the output, each query row's log-sum-exp, and under dropout a bit per
 * probability. Scores exist only for one block of query rows of one head at a time.
 *
 * <p>Forward runs one task per (sequence, query head); backward one per (sequence, key/value
 * head), which walks its query heads and their row blocks in order and so owns its key and
 * value gradients outright: no result depends on how tasks land on threads.
 */
final class FusedAttention {

    /** Scores per block of query rows: about 16k values. */
    private static final int BLOCK_VALUES = 1 << 14;

    private final AttentionShape shape;
    private final AttentionMask.Resolved mask;
    private final float dropout;
    private final Generator generator;
    private final float scale;
    private final int block;
    private final Kernels k = KernelProvider.get();
    private final AttentionRows rows = new AttentionRows(k);
    private float[] q;
    private float[] key;
    private float[] v;
    private float[] out;
    private float[] logSumExp;
    private long[] kept;

    FusedAttention(AttentionShape shape, AttentionMask.Resolved mask, float dropout, Generator generator) {
        this.shape = shape;
        this.mask = mask;
        this.dropout = dropout;
        this.generator = generator;
        this.scale = (float) (1 / Math.sqrt(shape.depth()));
        this.block = Math.max(1, Math.min(shape.queries(), BLOCK_VALUES / Math.max(1, shape.keys())));
    }

    Tensor forward(Tensor query, Tensor keyTensor, Tensor value) {
        q = query.contiguousData().toFloatArray();
        key = keyTensor.contiguousData().toFloatArray();
        v = value.contiguousData().toFloatArray();
        int heads = shape.heads();
        int length = shape.queries();
        int keys = shape.keys();
        int dv = shape.valueDepth();
        out = new float[shape.batch() * heads * length * dv];
        logSumExp = new float[shape.batch() * heads * length];
        if (dropout > 0f) {
            drawDropout();
        }
        if (keys > 0) {
            Parallel.forEachTask(shape.batch() * heads, (first, end) -> {
                float[] scores = new float[block * keys];
                for (int task = first; task < end; task++) {
                    for (int r0 = 0; r0 < length; r0 += block) {
                        forwardBlock(task / heads, task % heads, r0, Math.min(block, length - r0), scores);
                    }
                }
            });
        } else {
            java.util.Arrays.fill(logSumExp, Float.NEGATIVE_INFINITY);
        }
        Tensor result = Tensor.wrap(out, Shape.of(shape.batch(), heads, length, dv));
        return Autograd.record("scaled_dot_product_attention", result, g -> backward(g, query, keyTensor, value),
                query, keyTensor, value);
    }

    private int kvHead(int h) {
        return h / (shape.heads() / shape.kvHeads());
    }

    private int queryOffset(int n, int h, int row) {
        return ((n * shape.heads() + h) * shape.queries() + row) * shape.depth();
    }

    private int keyOffset(int n, int h) {
        return (n * shape.kvHeads() + kvHead(h)) * shape.keys() * shape.depth();
    }

    private int valueOffset(int n, int h) {
        return (n * shape.kvHeads() + kvHead(h)) * shape.keys() * shape.valueDepth();
    }

    private int rowIndex(int n, int h, int row) {
        return (n * shape.heads() + h) * shape.queries() + row;
    }

    /** {@code scores[i] = q_i·kᵀ·scale + mask_i} for the rows [r0, r0 + count) of head h of sequence n. */
    private void scores(int n, int h, int r0, int count, float[] scores) {
        int keys = shape.keys();
        int d = shape.depth();
        k.gemm(false, true, count, keys, d, scale, q, queryOffset(n, h, r0), Math.max(d, 1), key, keyOffset(n, h),
                Math.max(d, 1), 0f, scores, 0, keys);
        if (!mask.isEmpty()) {
            for (int i = 0; i < count; i++) {
                mask.apply(n, h, r0 + i, scores, i * keys);
            }
        }
    }

    private void forwardBlock(int n, int h, int r0, int count, float[] scores) {
        int keys = shape.keys();
        int dv = shape.valueDepth();
        scores(n, h, r0, count, scores);
        for (int i = 0; i < count; i++) {
            logSumExp[rowIndex(n, h, r0 + i)] = rows.softmax(scores, i * keys, keys);
            if (kept != null) {
                applyDropout(rowIndex(n, h, r0 + i), scores, i * keys);
            }
        }
        k.gemm(false, false, count, dv, keys, 1f, scores, 0, keys, v, valueOffset(n, h), Math.max(dv, 1), 0f, out,
                rowIndex(n, h, r0) * dv, Math.max(dv, 1));
    }

    /** One bit per probability, drawn in order on the calling thread: the same masks on any number of threads. */
    private void drawDropout() {
        long count = (long) shape.batch() * shape.heads() * shape.queries() * shape.keys();
        if (count > Integer.MAX_VALUE * 32L) {
            throw new IllegalArgumentException("attention: too many scores for dropout: " + count);
        }
        kept = new long[(int) ((count + 63) / 64)];
        long threshold = Creation.bernoulliThreshold(1f - dropout);
        for (long i = 0; i < count; i++) {
            if (Creation.bernoulliBit(generator, threshold) != 0) {
                kept[(int) (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    /** Zeroes the dropped probabilities of one row and scales the kept ones by 1/(1 − rate). */
    private void applyDropout(int row, float[] p, int off) {
        k.scaleKept(kept, (long) row * shape.keys(), 1f / (1f - dropout), p, off, shape.keys());
    }

    private Tensor[] backward(Tensor g, Tensor query, Tensor keyTensor, Tensor value) {
        float[] dOut = g.contiguousData().toFloatArray();
        float[] dq = new float[q.length];
        float[] dk = new float[key.length];
        float[] dv = new float[v.length];
        int keys = shape.keys();
        int groups = shape.heads() / shape.kvHeads();
        if (keys > 0) {
            Parallel.forEachTask(shape.batch() * shape.kvHeads(), (first, end) -> {
                float[] p = new float[block * keys];
                float[] dp = new float[block * keys];
                float[] dropped = kept == null ? null : new float[block * keys];
                for (int task = first; task < end; task++) {
                    int n = task / shape.kvHeads();
                    for (int h = (task % shape.kvHeads()) * groups, last = h + groups; h < last; h++) {
                        for (int r0 = 0; r0 < shape.queries(); r0 += block) {
                            backwardBlock(n, h, r0, Math.min(block, shape.queries() - r0), dOut, dq, dk, dv, p, dp,
                                    dropped);
                        }
                    }
                }
            });
        }
        return new Tensor[] {
            query.requiresGrad() ? Tensor.wrap(dq, query.shape()) : null,
            keyTensor.requiresGrad() ? Tensor.wrap(dk, keyTensor.shape()) : null,
            value.requiresGrad() ? Tensor.wrap(dv, value.shape()) : null};
    }

    private void backwardBlock(int n, int h, int r0, int count, float[] dOut, float[] dq, float[] dk, float[] dv,
            float[] p, float[] dp, float[] dropped) {
        int keys = shape.keys();
        int d = shape.depth();
        int vd = shape.valueDepth();
        int ld = Math.max(d, 1);
        int lv = Math.max(vd, 1);
        int outRows = rowIndex(n, h, r0) * vd;
        scores(n, h, r0, count, p);
        for (int i = 0; i < count; i++) {
            rows.probabilities(p, i * keys, keys, logSumExp[rowIndex(n, h, r0 + i)]);
        }
        float[] forValues = p;
        if (dropped != null) {
            System.arraycopy(p, 0, dropped, 0, count * keys);
            for (int i = 0; i < count; i++) {
                applyDropout(rowIndex(n, h, r0 + i), dropped, i * keys);
            }
            forValues = dropped;
        }
        // dV += P_droppedᵀ·dO; dP_dropped = dO·Vᵀ
        k.gemm(true, false, keys, vd, count, 1f, forValues, 0, keys, dOut, outRows, lv, 1f, dv, valueOffset(n, h), lv);
        k.gemm(false, true, count, keys, vd, 1f, dOut, outRows, lv, v, valueOffset(n, h), lv, 0f, dp, 0, keys);
        for (int i = 0; i < count; i++) {
            if (dropped != null) {
                applyDropout(rowIndex(n, h, r0 + i), dp, i * keys);
            }
            float delta = rows.dot(dOut, outRows + i * vd, out, outRows + i * vd, vd);
            rows.softmaxBackward(p, i * keys, dp, i * keys, delta, keys);
        }
        // dQ = scale·dS·K; dK += scale·dSᵀ·Q
        k.gemm(false, false, count, d, keys, scale, dp, 0, keys, key, keyOffset(n, h), ld, 0f, dq,
                queryOffset(n, h, r0), ld);
        k.gemm(true, false, keys, d, count, scale, dp, 0, keys, q, queryOffset(n, h, r0), ld, 1f, dk, keyOffset(n, h),
                ld);
    }
}
