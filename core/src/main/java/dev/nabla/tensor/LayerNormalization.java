package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.LayerNormRows;
import dev.nabla.kernels.Parallel;

/**
 * Layer normalisation as one op with its own backward (PyTorch's {@code F.layer_norm}):
 * {@code (x − mean)/√(var + eps)·weight + bias} over the last {@code d} values of each row, the
 * variance biased. Forward keeps the normalised rows and each row's inverse deviation; backward
 * gives the input's gradient in one pass per row and the weight's and bias's as sums over the rows
 * ({@link LayerNormRows}). The same values as the composition of mean, var, sub, div, mul and add,
 * to rounding, in one pass instead of nine ops and their graph nodes.
 *
 * <p>Rows are cut into chunks of a fixed size, which run in parallel; each chunk sums its own
 * weight and bias gradients and the chunks are added in order, so results do not depend on the
 * number of threads.
 */
public final class LayerNormalization {

    /** Values per chunk of rows. */
    private static final int CHUNK_VALUES = 1 << 14;

    private LayerNormalization() {
    }

    /**
     * Normalises each run of the last {@code d} values of {@code input} (float32, its size a
     * multiple of d) and scales and shifts it by {@code weight} and {@code bias} ({@code [d]}
     * each, or null for none).
     */
    public static Tensor layerNorm(Tensor input, int d, Tensor weight, Tensor bias, float eps) {
        if (d < 1 || input.size() % d != 0) {
            throw new IllegalArgumentException("layer norm: " + input.shape() + " is not made of rows of " + d);
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && t.size() != d) {
                throw new IllegalArgumentException("layer norm: the weight and bias must have " + d
                        + " values, got shape " + t.shape());
            }
        }
        int rows = (int) (input.size() / d);
        Tensor x = input.floatData();
        Tensor w = weight == null ? null : weight.floatData();
        Tensor b = bias == null ? null : bias.floatData();
        float[] normalized = new float[rows * d];
        float[] rstd = new float[rows];
        float[] y = w == null && b == null ? normalized : new float[rows * d];
        Kernels k = KernelProvider.get();
        Parallel.forChunks(rows, rowsPerChunk(d), (r0, r1) -> k.layerNormForward(x.data(), x.offset(), r0, r1, d, eps,
                w == null ? null : w.data(), w == null ? 0 : w.offset(), b == null ? null : b.data(),
                b == null ? 0 : b.offset(), normalized, rstd, y));
        Tensor result = Tensor.wrap(y, input.shape());
        return Autograd.record("layer_norm", result,
                g -> backward(g, normalized, rstd, rows, d, input, w, weight, bias), input, weight, bias);
    }

    private static int rowsPerChunk(int d) {
        return Math.max(1, CHUNK_VALUES / d);
    }

    private static Tensor[] backward(Tensor gradient, float[] normalized, float[] rstd, int rows,
            int d, Tensor input, Tensor w, Tensor weight, Tensor bias) {
        Tensor g = gradient.floatData();
        float[] dx = input.requiresGrad() ? new float[rows * d] : null;
        boolean weightGrad = weight != null && weight.requiresGrad();
        boolean biasGrad = bias != null && bias.requiresGrad();
        int grain = rowsPerChunk(d);
        Kernels k = KernelProvider.get();
        int chunks = Parallel.chunkCount(rows, grain);
        float[][] dw = new float[chunks][];
        float[][] db = new float[chunks][];
        Parallel.forChunks(rows, grain, (r0, r1) -> {
            int chunk = r0 / grain;
            dw[chunk] = weightGrad ? new float[d] : null;
            db[chunk] = biasGrad ? new float[d] : null;
            k.layerNormBackward(g.data(), g.offset(), normalized, rstd, r0, r1, d, w == null ? null : w.data(),
                    w == null ? 0 : w.offset(), dx, dw[chunk], db[chunk], new float[d]);
        });
        return new Tensor[] {
            dx == null ? null : Tensor.wrap(dx, input.shape()).unshared(),
            weightGrad ? Tensor.wrap(inOrder(dw, d), weight.shape()).unshared() : null,
            biasGrad ? Tensor.wrap(inOrder(db, d), bias.shape()).unshared() : null};
    }

    /** The chunks' sums added in chunk order. */
    private static float[] inOrder(float[][] chunks, int d) {
        float[] total = new float[d];
        for (float[] chunk : chunks) {
            for (int j = 0; j < d; j++) {
                total[j] += chunk[j];
            }
        }
        return total;
    }
}
