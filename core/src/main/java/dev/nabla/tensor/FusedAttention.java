package dev.nabla.tensor;

import dev.nabla.kernels.AttentionRows;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.SplitMix64;

/**
 * {@link Attention#scaledDotProductAttention}'s forward and backward, and what backward keeps
 * from forward: the output, each query row's log-sum-exp, and under dropout a bit per
 * probability. Scores exist only for one block of query rows of one head at a time.
 *
 * <p>Queries, keys and values are read where they lie (any strides with contiguous rows, such
 * as the permuted heads of a projection); the output and the gradients are written in
 * {@code [N, T, H, D]} order and returned as {@code [N, H, T, D]} views, so that merging the
 * heads again is free. Each block is a few small products ({@link Kernels#product}) on
 * per-thread scratch: the keys and values transposed once per head, the probabilities and
 * their gradients transposed where a product needs them so.
 *
 * <p>Forward runs one task per (sequence, query head); backward one per (sequence, key/value
 * head), which walks its query heads and their row blocks in order and so owns its key and
 * value gradients outright: no result depends on how tasks land on threads.
 */
final class FusedAttention {

    /** Scores per block of query rows: about 16k values. */
    private static final int BLOCK_VALUES = 1 << 14;
    /**
     * Floats past the end of every scratch block: the last row's masked vector then lies inside
     * the array, which keeps masked loads and stores on their fast path.
     */
    private static final int PAD = 64;
    /** Rows of scores are padded to a multiple of this many floats: whole vectors of up to 512 bits. */
    private static final int WIDTH_MULTIPLE = 16;
    /** Dropout draws per parallel chunk of rows. */
    private static final int DROPOUT_DRAWS_PER_CHUNK = 1 << 16;

    private final AttentionShape shape;
    private final AttentionMask.Resolved mask;
    private final float dropout;
    private final Generator generator;
    private final float scale;
    private final int block;
    /** A row of scores: the keys, padded with −∞ to whole vectors of the widest lanes (16 floats). */
    private final int width;
    private final Kernels k = KernelProvider.get();
    private final AttentionRows rows = new AttentionRows(k);
    private Operand q;
    private Operand key;
    private Operand v;
    /** The output in {@code [N, L, H, Dv]} order: what a multi-head layer reads with its heads merged. */
    private float[] out;
    private float[] logSumExp;
    private long[] kept;

    /**
     * A 4-d float32 operand read where it lies: element {@code (n, h, i, j)} at
     * {@code offset + n·s0 + h·s1 + i·s2 + j}. The heads of a projection ({@code [N, L, H·D]}
     * reshaped and permuted to {@code [N, H, L, D]}) are read so, without a copy.
     */
    private record Operand(float[] data, int offset, int s0, int s1, int s2) {

        static Operand of(Tensor t) {
            Tensor f = t.storage() instanceof Storage.FloatStorage && (t.dim(3) <= 1 || t.stride(3) == 1)
                    ? t : t.floatData();
            return new Operand(f.data(), f.offset(), f.stride(0), f.stride(1), f.stride(2));
        }

        int at(int n, int h, int row) {
            return offset + n * s0 + h * s1 + row * s2;
        }

        int rowStride() {
            return s2;
        }
    }

    FusedAttention(AttentionShape shape, AttentionMask.Resolved mask, float dropout, Generator generator) {
        this.shape = shape;
        this.mask = mask;
        this.dropout = dropout;
        this.generator = generator;
        this.scale = (float) (1 / Math.sqrt(shape.depth()));
        this.width = (shape.keys() + WIDTH_MULTIPLE - 1) / WIDTH_MULTIPLE * WIDTH_MULTIPLE;
        this.block = Math.max(1, Math.min(shape.queries(), BLOCK_VALUES / Math.max(1, width)));
    }

    Tensor forward(Tensor query, Tensor keyTensor, Tensor value) {
        Tensor result = attend(query, keyTensor, value);
        return Autograd.record("scaled_dot_product_attention", result, g -> backward(g, query, keyTensor, value),
                query, keyTensor, value);
    }

    /** The output, without recording it. */
    private Tensor attend(Tensor query, Tensor keyTensor, Tensor value) {
        q = Operand.of(query);
        key = Operand.of(keyTensor);
        v = Operand.of(value);
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
                AttentionScratch scratch = AttentionScratch.forThread(shape, block, width, PAD);
                float[] keysT = scratch.keysT;
                float[] scores = scratch.p;
                for (int task = first; task < end; task++) {
                    int n = task / heads;
                    int h = task % heads;
                    rows.transpose(key.data(), key.at(n, kvHead(h), 0), key.rowStride(), keys, shape.depth(), keysT, 0,
                            width);
                    for (int r0 = 0; r0 < length; r0 += block) {
                        forwardBlock(n, h, r0, Math.min(block, length - r0), keysT, scores);
                    }
                }
            });
        } else {
            java.util.Arrays.fill(logSumExp, Float.NEGATIVE_INFINITY);
        }
        return headsView(out, shape.batch(), heads, length, dv);
    }

    /** {@code [N, H, T, D]} over values stored in {@code [N, T, H, D]} order. */
    private static Tensor headsView(float[] values, int n, int heads, int length, int depth) {
        Tensor stored = Tensor.wrap(values, Shape.of(n, length, heads, depth));
        return stored.view(Shape.of(n, heads, length, depth), new int[] {length * heads * depth, depth,
            heads * depth, 1}, 0);
    }

    private int kvHead(int h) {
        return h / (shape.heads() / shape.kvHeads());
    }

    /** Where row {@code row} of head h of sequence n starts in {@code [N, T, heads, depth]} order. */
    private static int merged(int n, int h, int row, int length, int heads, int depth) {
        return ((n * length + row) * heads + h) * depth;
    }

    private int outOffset(int n, int h, int row) {
        return merged(n, h, row, shape.queries(), shape.heads(), shape.valueDepth());
    }

    private int rowIndex(int n, int h, int row) {
        return (n * shape.heads() + h) * shape.queries() + row;
    }

    /**
     * {@code scores[i] = q_i·kᵀ·scale + mask_i} for the rows [r0, r0 + count) of head h of sequence
     * n, rows of {@link #width} with −∞ after the keys, from the keys transposed in
     * {@code keysT [D, width]} (zeros after the keys).
     */
    private void scores(int n, int h, int r0, int count, float[] keysT, float[] scores) {
        int keys = shape.keys();
        rows.product(count, width, shape.depth(), scale, q.data(), q.at(n, h, r0), q.rowStride(), keysT, 0, width,
                false, scores, 0, width);
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(scores, i * width + keys, (i + 1) * width, Float.NEGATIVE_INFINITY);
            if (!mask.isEmpty()) {
                mask.apply(n, h, r0 + i, scores, i * width);
            }
        }
    }

    private void forwardBlock(int n, int h, int r0, int count, float[] keysT, float[] scores) {
        int keys = shape.keys();
        int dv = shape.valueDepth();
        scores(n, h, r0, count, keysT, scores);
        for (int i = 0; i < count; i++) {
            logSumExp[rowIndex(n, h, r0 + i)] = rows.softmax(scores, i * width, width);
            if (kept != null) {
                applyDropout(rowIndex(n, h, r0 + i), scores, i * width);
            }
        }
        rows.product(count, dv, keys, 1f, scores, 0, width, v.data(), v.at(n, kvHead(h), 0), v.rowStride(), false, out,
                outOffset(n, h, r0), Math.max(shape.heads() * dv, 1));
    }

    /**
     * One bit per probability, rows of {@link #width} bits (0 after the keys), two per 64 random
     * bits of the generator (each from 24 of them, as {@link Generator#nextFloat()} has): draw t
     * of the sequence (row · keys + key) is half of 64-bit number t / 2, which follows from the
     * generator's state alone ({@link Generator#skip}), so chunks of rows are drawn in parallel
     * and give the masks the draws in order would, on any number of threads. A row's bits start
     * on a multiple of 16, so applying them takes whole vectors; chunks of a multiple of 4 rows
     * never share a word of the mask.
     */
    private void drawDropout() {
        long rows = (long) shape.batch() * shape.heads() * shape.queries();
        long count = rows * width;
        if (count > Integer.MAX_VALUE * 32L || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attention: too many scores for dropout: " + count);
        }
        kept = new long[(int) ((count + 63) / 64)];
        long threshold = Creation.bernoulliThreshold(1f - dropout);
        int keys = shape.keys();
        long state = generator.skip((rows * keys + 1) / 2);
        int rowsPerChunk = Math.max(4, (DROPOUT_DRAWS_PER_CHUNK / Math.max(keys, 1) + 3) / 4 * 4);
        Parallel.forChunks((int) rows, rowsPerChunk, (r0, r1) -> {
            for (long row = r0; row < r1; row++) {
                long draw = row * keys;
                long number = -1;
                long random = 0;
                for (long i = row * width, end = i + keys; i < end; i++, draw++) {
                    if (draw >>> 1 != number) {
                        number = draw >>> 1;
                        random = SplitMix64.mix(state + (number + 1) * SplitMix64.GAMMA);
                    }
                    long bits = (draw & 1) == 0 ? random >>> 40 : (random >>> 16) & 0xFFFFFFL;
                    kept[(int) (i >>> 6)] |= ((bits - threshold) >>> 63) << (i & 63);
                }
            }
        });
    }

    /** Zeroes the dropped probabilities of one row and scales the kept ones by 1/(1 − rate). */
    private void applyDropout(int row, float[] p, int off) {
        k.scaleKept(kept, (long) row * width, 1f / (1f - dropout), p, off, width);
    }

    private Tensor[] backward(Tensor g, Tensor query, Tensor keyTensor, Tensor value) {
        int n0 = shape.batch();
        int length = shape.queries();
        int keys = shape.keys();
        int d = shape.depth();
        int vd = shape.valueDepth();
        float[] dq = new float[n0 * length * shape.heads() * d];
        float[] dk = new float[n0 * keys * shape.kvHeads() * d];
        float[] dv = new float[n0 * keys * shape.kvHeads() * vd];
        gradients(g, merged(dq, length, shape.heads(), d), merged(dk, keys, shape.kvHeads(), d),
                merged(dv, keys, shape.kvHeads(), vd));
        return new Tensor[] {
            query.requiresGrad() ? headsView(dq, n0, shape.heads(), length, d) : null,
            keyTensor.requiresGrad() ? headsView(dk, n0, shape.kvHeads(), keys, d) : null,
            value.requiresGrad() ? headsView(dv, n0, shape.kvHeads(), keys, vd) : null};
    }

    /** Where a gradient {@code [N, T, H, D]} lies in {@code values}, as an operand. */
    private static Operand merged(float[] values, int length, int heads, int depth) {
        return new Operand(values, 0, length * heads * depth, depth, heads * depth);
    }

    /**
     * Self-attention over a packed projection {@code [N, L, 3·H·D]} (each step's query heads, key
     * heads and value heads): the output {@code [N, H, L, D]}, and in backward one gradient for
     * the packed tensor, its three parts written in place.
     */
    static Tensor packed(Tensor qkv, int heads, AttentionMask mask, boolean causal, float dropout,
            Generator generator) {
        int n = qkv.dim(0);
        int length = qkv.dim(1);
        int e = qkv.dim(2) / 3;
        int depth = e / heads;
        Tensor x = qkv.floatData();
        int[] strides = {length * 3 * e, depth, 3 * e, 1};
        Shape split = Shape.of(n, heads, length, depth);
        Tensor[] parts = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = x.view(split, strides, x.offset() + i * e);
        }
        AttentionShape shape = AttentionShape.of(parts[0], parts[1], parts[2]);
        AttentionMask m = (mask == null ? AttentionMask.none() : mask);
        m = m.withCausal(causal || m.isCausal());
        FusedAttention attention = new FusedAttention(shape, m.resolve(n, heads, length, length), dropout, generator);
        Tensor result = attention.attend(parts[0], parts[1], parts[2]);
        return Autograd.record("self_attention", result, g -> {
            float[] d = new float[n * length * 3 * e];
            attention.gradients(g, new Operand(d, 0, length * 3 * e, depth, 3 * e),
                    new Operand(d, e, length * 3 * e, depth, 3 * e), new Operand(d, 2 * e, length * 3 * e, depth, 3 * e));
            return new Tensor[] {Tensor.wrap(d, qkv.shape()).unshared()};
        }, qkv);
    }

    /** The gradients of the queries, keys and values into the operands given (keys and values added to zeros). */
    private void gradients(Tensor g, Operand dq, Operand dk, Operand dv) {
        Operand dOut = Operand.of(g);
        int length = shape.queries();
        int keys = shape.keys();
        int groups = shape.heads() / shape.kvHeads();
        if (keys > 0) {
            Parallel.forEachTask(shape.batch() * shape.kvHeads(), (first, end) -> {
                AttentionScratch scratch = AttentionScratch.forThread(shape, block, width, PAD);
                for (int task = first; task < end; task++) {
                    int n = task / shape.kvHeads();
                    int kvHead = task % shape.kvHeads();
                    rows.transpose(key.data(), key.at(n, kvHead, 0), key.rowStride(), keys, shape.depth(),
                            scratch.keysT, 0, width);
                    rows.transpose(v.data(), v.at(n, kvHead, 0), v.rowStride(), keys, shape.valueDepth(),
                            scratch.valuesT, 0, width);
                    for (int h = kvHead * groups, last = h + groups; h < last; h++) {
                        for (int r0 = 0; r0 < length; r0 += block) {
                            backwardBlock(n, h, r0, Math.min(block, length - r0), dOut, dq, dk, dv, scratch);
                        }
                    }
                }
            });
        }
    }

    private void backwardBlock(int n, int h, int r0, int count, Operand dOut, Operand dq, Operand dk, Operand dv,
            AttentionScratch s) {
        int keys = shape.keys();
        int d = shape.depth();
        int vd = shape.valueDepth();
        int kvHead = kvHead(h);
        int gAt = dOut.at(n, h, r0);
        int gLd = dOut.rowStride();
        int outAt = outOffset(n, h, r0);
        int outLd = Math.max(shape.heads() * vd, 1);
        float[] p = s.p;
        float[] dp = s.dp;
        scores(n, h, r0, count, s.keysT, p);
        for (int i = 0; i < count; i++) {
            rows.probabilities(p, i * width, width, logSumExp[rowIndex(n, h, r0 + i)]);
        }
        float[] forValues = p;
        if (kept != null) {
            forValues = s.dropped();
            System.arraycopy(p, 0, forValues, 0, count * width);
            for (int i = 0; i < count; i++) {
                applyDropout(rowIndex(n, h, r0 + i), forValues, i * width);
            }
        }
        // dV += P_droppedᵀ·dO; dP_dropped = dO·Vᵀ
        rows.transpose(forValues, 0, width, count, keys, s.transposed, 0, count);
        rows.product(keys, vd, count, 1f, s.transposed, 0, count, dOut.data(), gAt, gLd, true, dv.data(),
                dv.at(n, kvHead, 0), dv.rowStride());
        rows.product(count, width, vd, 1f, dOut.data(), gAt, gLd, s.valuesT, 0, width, false, dp, 0, width);
        for (int i = 0; i < count; i++) {
            if (kept != null) {
                applyDropout(rowIndex(n, h, r0 + i), dp, i * width);
            }
            float delta = rows.dot(dOut.data(), gAt + i * gLd, out, outAt + i * outLd, vd);
            rows.softmaxBackward(p, i * width, dp, i * width, delta, width);
        }
        // dQ = scale·dS·K; dK += scale·dSᵀ·Q
        rows.product(count, d, keys, scale, dp, 0, width, key.data(), key.at(n, kvHead, 0), key.rowStride(), false,
                dq.data(), dq.at(n, h, r0), dq.rowStride());
        rows.transpose(dp, 0, width, count, keys, s.transposed, 0, count);
        rows.product(keys, d, count, scale, s.transposed, 0, count, q.data(), q.at(n, h, r0), q.rowStride(), true,
                dk.data(), dk.at(n, kvHead, 0), dk.rowStride());
    }
}
