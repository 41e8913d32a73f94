package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;

/**
 * The weight gradients of {@link RecurrentSequence}'s backward through time: one product of the
 * rows {@code [x, h, 1]} of every step with the gate gradients, and the weights' and biases'
 * gradients read out of it.
 */
final class RecurrentWeightGradients {

    /** Elements per block of work when the partial sums are added. */
    private static final int SUM_GRAIN = 16384;
    /** The most floats the partial sums may take together. */
    private static final long PARTIAL_FLOATS = 1L << 22;

    private RecurrentWeightGradients() {
    }

    /**
     * The weight gradient's transpose {@code rows[:, first .. first + columns)ᵀ·dG}:
     * [columns, count] · [count, G·H], rows {@code rowWidth} apart. Transposed because then the
     * packing of the long operands is cheap (the gate gradients are copied in whole vectors, the
     * rows' columns eight at a time). The count rows are cut into a few parts fixed by the sizes
     * alone ({@link #parts}), each its own product on one thread, packing only its own rows; the
     * partial sums are then added in part order. Split over the output instead, every thread
     * would pack all of the gate gradients again. Either way the result does not depend on the
     * thread count.
     */
    static float[] product(Kernels k, float[] rows, int rowWidth, int first, int columns, float[] dGates,
            int gateWidth, int count) {
        int size = columns * gateWidth;
        float[] out = new float[size];
        if (columns == 0 || count == 0) {
            return out;
        }
        int wanted = parts(count, size);
        int grain = (count + wanted - 1) / wanted;
        int parts = Parallel.chunkCount(count, grain);
        float[] partials = parts == 1 ? out : RecurrentWorkspace.get().get(RecurrentWorkspace.Slot.WEIGHT_PARTIALS,
                parts * size);
        Parallel.forChunks(count, grain, (from, to) -> k.gemm(true, false, columns, gateWidth, to - from, 1f, rows,
                first + from * rowWidth, rowWidth, dGates, from * gateWidth, gateWidth, 0f, partials,
                from / grain * size, gateWidth));
        if (parts > 1) {
            Parallel.forChunks(size, SUM_GRAIN, (from, to) -> {
                System.arraycopy(partials, from, out, from, to - from);
                for (int part = 1; part < parts; part++) {
                    k.binary(BinaryOp.ADD, out, from, 1, partials, part * size + from, 1, out, from, to - from);
                }
            });
        }
        return out;
    }

    /**
     * How many parts a product over {@code count} rows is cut into: about one per 768 rows, a
     * power of two (so that two or four threads share them evenly), at most 8, and fewer when the
     * partial sums ({@code size} floats each) would take more than 4 M floats.
     */
    static int parts(int count, int size) {
        int parts = Math.min(8, Integer.highestOneBit(Math.max(1, count / 768)));
        while (parts > 1 && (long) parts * size > PARTIAL_FLOATS) {
            parts /= 2;
        }
        return parts;
    }

    /** Rows [from, to) of a [columns, G·H] product, transposed: a weight's gradient [G·H, to − from]. */
    static Tensor columns(float[] transposed, int gateWidth, int from, int to) {
        int count = to - from;
        float[] out = new float[gateWidth * count];
        for (int c = 0; c < count; c++) {
            for (int r = 0, at = (from + c) * gateWidth; r < gateWidth; r++) {
                out[r * count + c] = transposed[at + r];
            }
        }
        return Tensor.wrap(out, Shape.of(gateWidth, count));
    }

    /** Row {@code index} of a [columns, G·H] product, as a vector (a bias's gradient). */
    static Tensor column(float[] transposed, int gateWidth, int index) {
        float[] out = new float[gateWidth];
        System.arraycopy(transposed, index * gateWidth, out, 0, gateWidth);
        return Tensor.wrap(out, Shape.of(gateWidth));
    }
}
