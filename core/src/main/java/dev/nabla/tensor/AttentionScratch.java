package dev.nabla.tensor;

/**
 * One thread's working blocks for {@link FusedAttention}, kept between calls: a training step
 * runs hundreds of attention tasks of the same shape, and allocating these per task was a
 * fifth of the transformer workload's allocation. A thread reuses its blocks when the next call
 * has exactly the same sizes (so the zeros after the keys, written once, stay zeros), and
 * replaces them otherwise.
 */
final class AttentionScratch {

    private static final ThreadLocal<AttentionScratch> CURRENT = new ThreadLocal<>();

    private final int depth;
    private final int valueDepth;
    private final int keys;
    private final int block;
    private final int width;
    private final int pad;
    /** The keys transposed, {@code [depth, width]}, zeros after the keys. */
    final float[] keysT;
    /** The values transposed, {@code [valueDepth, width]}, zeros after the keys. */
    final float[] valuesT;
    /** A block of scores or probabilities. */
    final float[] p;
    /** A block of their gradients. */
    final float[] dp;
    /** The probabilities after dropout (only when dropout is on). */
    private float[] dropped;
    /** A block transposed. */
    final float[] transposed;

    private AttentionScratch(AttentionShape shape, int block, int width, int pad) {
        this.depth = shape.depth();
        this.valueDepth = shape.valueDepth();
        this.keys = shape.keys();
        this.block = block;
        this.width = width;
        this.pad = pad;
        keysT = new float[depth * width + pad];
        valuesT = new float[valueDepth * width + pad];
        p = new float[block * width + pad];
        dp = new float[block * width + pad];
        transposed = new float[block * width + pad];
    }

    /** The calling thread's blocks for this shape, block of query rows and row width. */
    static AttentionScratch forThread(AttentionShape shape, int block, int width, int pad) {
        AttentionScratch s = CURRENT.get();
        if (s == null || s.depth != shape.depth() || s.valueDepth != shape.valueDepth() || s.keys != shape.keys()
                || s.block != block || s.width != width || s.pad != pad) {
            s = new AttentionScratch(shape, block, width, pad);
            CURRENT.set(s);
        }
        return s;
    }

    /** The block for probabilities after dropout. */
    float[] dropped() {
        if (dropped == null) {
            dropped = new float[block * width + pad];
        }
        return dropped;
    }
}
