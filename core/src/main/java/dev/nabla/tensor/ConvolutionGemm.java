package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;

/**
 * The three products of a convolution as im2col and GEMM: the output, the gradient of the
 * input (the adjoint, which is also a transposed convolution's output) and the gradient of the
 * weight. Operands are contiguous tensors, in float32 storage except the weight, which may be
 * half precision (read by the half GEMM, see {@link StorageGemm}), laid out as the {@link ConvolutionGeometry} says:
 * input {@code [batch, inChannels, inHeight, inWidth]}, weight
 * {@code [outChannels, inChannels / groups, kernelHeight, kernelWidth]}, output
 * {@code [batch, outChannels, outHeight, outWidth]}. The output of a float32 convolution with
 * one group and stride 1 (or 2, see {@link ConvolutionDirect#applies}) is formed without a
 * column matrix by {@link ConvolutionDirect}; the rest is im2col and GEMM.
 *
 * <p>Images are taken in chunks of whole images, about {@link #CHUNK_COLUMNS} output positions
 * wide, whose column matrices sit side by side, so that each GEMM is wide enough to run near
 * the kernel's peak even when an image is small. Chunks run in parallel. The output and the
 * input gradient write disjoint slices per chunk. The weight gradient sums chunk products in
 * a fixed number of partial sums ({@link #WEIGHT_SLOTS}), each over a fixed run of chunks, and
 * then adds the partial sums in order: chunk sizes and runs depend only on the geometry, so
 * the result does not depend on the number of threads.
 */
final class ConvolutionGemm {
    /** Output positions per chunk, roughly: a chunk has this many, or one image if an image has more. */
    static final int CHUNK_COLUMNS = 1024;
    /** Partial sums of the weight gradient, at most. */
    static final int WEIGHT_SLOTS = 8;
    /** The bias of a convolution without one: the zero every output gets. */
    /** The bias of a convolution without one, read with stride 0. */
    static final float[] NO_BIAS = {0f};

    private ConvolutionGemm() {
    }

    /**
     * The convolution: {@code [batch, outChannels, outHeight, outWidth]}, with {@code bias}
     * (one value per output channel, or null) added as each chunk's product is stored.
     */
    static float[] output(Tensor x, Tensor w, float[] bias, ConvolutionGeometry g) {
        float[] y = new float[g.batch() * g.outChannels() * g.outPlane()];
        output(x, w, bias, null, 0f, y, g, y);
        return y;
    }

    /**
     * {@link #output(Tensor, Tensor, float[], ConvolutionGeometry)} into {@code y}, then
     * {@code activated = op(y)} (with parameter {@code param}) chunk by chunk while the chunk
     * is in cache; {@code activated} may be y itself. No activation when op is null.
     */
    static void output(Tensor x, Tensor w, float[] bias, UnaryOp op, float param, float[] activated,
                       ConvolutionGeometry g, float[] y) {
        int plane = g.outPlane();
        int rows = g.columnRows();
        int perGroup = g.outChannelsPerGroup();
        Kernels kernels = KernelProvider.get();
        if (rows == 0 || perGroup == 0) {
            if (bias != null) {
                addBias(y, bias, g.batch(), g.outChannels(), plane);
            }
            if (op != null) {
                kernels.unary(op, param, y, 0, activated, 0, y.length);
            }
            return;
        }
        if (ConvolutionDirect.applies(g, w, kernels)) {
            float[] b = bias == null ? NO_BIAS : bias;
            int step = bias == null ? 0 : 1;
            ConvolutionDirect.products(x, w, g, (product, start, ld, phaseWidth, n, from, to) -> {
                for (int c = from; c < to; c++) {
                    kernels.addRowBias(product, start + c * ld, phaseWidth, b, c * step, 0, y,
                            outputStart(g, n, 0) + c * plane, g.outWidth(), g.outHeight(), g.outWidth());
                }
                if (op != null) {
                    int at = outputStart(g, n, 0) + from * plane;
                    kernels.unary(op, param, y, at, activated, at, (to - from) * plane);
                }
            });
            return;
        }
        products(x, w, g, y, (product, productStart, width, first, count, group) -> {
            store(product, productStart, width, y, bias, g, first, count, group);
            if (op != null) {
                for (int i = 0; i < count; i++) {
                    int at = outputStart(g, first + i, group);
                    kernels.unary(op, param, y, at, activated, at, perGroup * plane);
                }
            }
        });
    }

    /**
     * The inference epilogue of a convolution followed by batch norm (and a residual add and an
     * activation): {@code y = op(conv(x, w)·scale[c] + shift[c] + residual)}, applied as each
     * chunk's product is stored, per channel plane while it is in cache. {@code residual}
     * (null: none) is laid out as y, from {@code residualOffset}; y starts as zeros.
     */
    static void outputScaled(Tensor x, Tensor w, float[] scale, float[] shift, float[] residual, int residualOffset,
                             UnaryOp op, float param, ConvolutionGeometry g, float[] y) {
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        Kernels kernels = KernelProvider.get();
        if (g.columnRows() == 0 || perGroup == 0) {
            for (int n = 0; n < g.batch(); n++) {
                int at = n * g.outChannels() * plane;
                kernels.scaleShiftRows(y, at, plane, scale, shift, 0, 1, residual, residualOffset + at, plane, op,
                        param, y, at, plane, g.outChannels(), plane);
            }
            return;
        }
        if (ConvolutionDirect.applies(g, w, kernels)) {
            ConvolutionDirect.products(x, w, g, (product, start, ld, phaseWidth, n, from, to) -> {
                for (int c = from; c < to; c++) {
                    int at = outputStart(g, n, 0) + c * plane;
                    // The output rows of channel c's plane, one scale and shift for all.
                    kernels.scaleShiftRows(product, start + c * ld, phaseWidth, scale, shift, c, 0, residual,
                            residualOffset + at, g.outWidth(), op, param, y, at, g.outWidth(), g.outHeight(),
                            g.outWidth());
                }
            });
            return;
        }
        products(x, w, g, y, (product, productStart, width, first, count, group) -> {
            for (int i = 0; i < count; i++) {
                int at = outputStart(g, first + i, group);
                kernels.scaleShiftRows(product, productStart + i * plane, width, scale, shift, group * perGroup, 1,
                        residual, residualOffset + at, plane, op, param, y, at, plane, perGroup, plane);
            }
        });
    }

    /** What is done with one group's product of a chunk, {@code [outChannelsPerGroup, count · plane]}. */
    private interface ChunkStore {
        void store(float[] product, int productStart, int width, int first, int count, int group);
    }

    /**
     * Every chunk's and group's product {@code w · columns}, handed to {@code store}; a chunk of
     * one image has its product computed in place in y.
     */
    private static void products(Tensor x, Tensor w, ConvolutionGeometry g, float[] y, ChunkStore store) {
        int plane = g.outPlane();
        int rows = g.columnRows();
        int perGroup = g.outChannelsPerGroup();
        Kernels kernels = KernelProvider.get();
        int images = imagesPerChunk(g);
        Parallel.forChunks(chunkCount(g), 1, (start, end) -> {
            ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
            for (int chunk = start; chunk < end; chunk++) {
                int first = chunk * images;
                int count = Math.min(images, g.batch() - first);
                int width = count * plane;
                float[] columns = workspace.columns(rows * width);
                float[] product = count == 1 ? y : workspace.product(perGroup * width);
                for (int group = 0; group < g.groups(); group++) {
                    unfoldChunk(x, g, first, count, group, columns);
                    int productStart = count == 1 ? outputStart(g, first, group) : 0;
                    StorageGemm.gemm(kernels, false, false, perGroup, width, rows, 1f,
                            w.storage(), w.offset() + group * perGroup * rows, rows, columns, 0, width,
                            0f, product, productStart, width);
                    store.store(product, productStart, width, first, count, group);
                }
            }
        });
    }

    /** The gradient of the input from the output's gradient: {@code [batch, inChannels, inHeight, inWidth]}. */
    static float[] inputGradient(Tensor gy, Tensor w, ConvolutionGeometry g) {
        float[] gx = new float[g.batch() * g.inChannels() * g.inPlane()];
        int rows = g.columnRows();
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        if (rows == 0 || perGroup == 0) {
            return gx;
        }
        Kernels kernels = KernelProvider.get();
        int images = imagesPerChunk(g);
        Parallel.forChunks(chunkCount(g), 1, (start, end) -> {
            ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
            for (int chunk = start; chunk < end; chunk++) {
                int first = chunk * images;
                int count = Math.min(images, g.batch() - first);
                int width = count * plane;
                float[] columns = workspace.columns(rows * width);
                for (int group = 0; group < g.groups(); group++) {
                    float[] gradient = gather(gy, g, first, count, group, workspace);
                    int gradientStart = gatheredStart(gy, g, first, count, group);
                    StorageGemm.gemm(kernels, true, false, rows, width, perGroup, 1f,
                            w.storage(), w.offset() + group * perGroup * rows, rows, gradient, gradientStart, width,
                            0f, columns, 0, width);
                    for (int i = 0; i < count; i++) {
                        Im2col.foldAdd(columns, i * plane, width, g, gx, inputStart(g, first + i, group));
                    }
                }
            }
        });
        return gx;
    }

    /** The gradient of the weight from the input and the output's gradient. */
    static float[] weightGradient(Tensor x, Tensor gy, ConvolutionGeometry g) {
        int rows = g.columnRows();
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        int size = g.outChannels() * rows;
        if (rows == 0 || perGroup == 0 || g.batch() == 0) {
            return new float[size];
        }
        Kernels kernels = KernelProvider.get();
        int images = imagesPerChunk(g);
        int chunks = chunkCount(g);
        int slots = Math.min(chunks, WEIGHT_SLOTS);
        float[][] partial = new float[slots][];
        Parallel.forChunks(slots, 1, (start, end) -> {
            ConvolutionWorkspace workspace = ConvolutionWorkspace.get();
            for (int slot = start; slot < end; slot++) {
                float[] sum = new float[size];
                int firstChunk = (int) ((long) slot * chunks / slots);
                int endChunk = (int) ((long) (slot + 1) * chunks / slots);
                for (int chunk = firstChunk; chunk < endChunk; chunk++) {
                    int first = chunk * images;
                    int count = Math.min(images, g.batch() - first);
                    int width = count * plane;
                    float[] columns = workspace.columns(rows * width);
                    for (int group = 0; group < g.groups(); group++) {
                        unfoldChunk(x, g, first, count, group, columns);
                        float[] gradient = gather(gy, g, first, count, group, workspace);
                        int gradientStart = gatheredStart(gy, g, first, count, group);
                        kernels.gemm(false, true, perGroup, rows, width, 1f,
                                gradient, gradientStart, width, columns, 0, width,
                                chunk == firstChunk ? 0f : 1f, sum, group * perGroup * rows, rows);
                    }
                }
                partial[slot] = sum;
            }
        });
        float[] gw = partial[0];
        for (int slot = 1; slot < slots; slot++) {
            kernels.binary(BinaryOp.ADD, gw, 0, 1, partial[slot], 0, 1, gw, 0, size);
        }
        return gw;
    }

    /** Adds {@code bias[c]} to every element of channel c of a {@code [batch, channels, plane]} array. */
    static void addBias(float[] y, float[] bias, int batch, int channels, int plane) {
        Kernels kernels = KernelProvider.get();
        for (int n = 0; n < batch; n++) {
            int start = n * channels * plane;
            kernels.addRowBias(y, start, plane, bias, 0, 1, y, start, plane, channels, plane);
        }
    }

    /**
     * Moves one group's product of a chunk, {@code [outChannelsPerGroup, count · plane]}, to
     * its images in y, adding the bias. A single image's product is already in place.
     */
    private static void store(float[] product, int productStart, int width, float[] y, float[] bias,
                              ConvolutionGeometry g, int first, int count, int group) {
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        Kernels kernels = KernelProvider.get();
        // Without a bias, 0 is added, as before: a product of -0 is stored as +0 either way.
        float[] b = bias == null ? NO_BIAS : bias;
        int at = bias == null ? 0 : group * perGroup;
        int step = bias == null ? 0 : 1;
        for (int i = 0; i < count; i++) {
            int src = productStart + i * plane;
            int dst = outputStart(g, first + i, group);
            if (count != 1) {
                kernels.addRowBias(product, src, width, b, at, step, y, dst, plane, perGroup, plane);
            } else if (bias != null) {
                kernels.addRowBias(y, dst, plane, b, at, step, y, dst, plane, perGroup, plane);
            }
        }
    }

    /**
     * One group's output gradient for a chunk as a {@code [outChannelsPerGroup, count · plane]}
     * matrix: the gradient's own storage when the chunk is one image, otherwise a copy in the
     * workspace; it starts at {@link #gatheredStart}.
     */
    private static float[] gather(Tensor gy, ConvolutionGeometry g, int first, int count, int group,
                                  ConvolutionWorkspace workspace) {
        if (count == 1) {
            return gy.data();
        }
        int plane = g.outPlane();
        int perGroup = g.outChannelsPerGroup();
        int width = count * plane;
        float[] gathered = workspace.product(perGroup * width);
        float[] values = gy.data();
        for (int i = 0; i < count; i++) {
            for (int m = 0; m < perGroup; m++) {
                System.arraycopy(values, gy.offset() + outputStart(g, first + i, group) + m * plane,
                        gathered, m * width + i * plane, plane);
            }
        }
        return gathered;
    }

    /** Where {@link #gather}'s matrix starts in the array it returns. */
    private static int gatheredStart(Tensor gy, ConvolutionGeometry g, int first, int count, int group) {
        return count == 1 ? gy.offset() + outputStart(g, first, group) : 0;
    }

    /** One group's column matrices of a chunk's images, side by side: {@code [columnRows, count · plane]}. */
    private static void unfoldChunk(Tensor x, ConvolutionGeometry g, int first, int count, int group,
                                    float[] columns) {
        int plane = g.outPlane();
        if (count == 1) {
            // One image (batch 1): its channels shared between the threads; inside a thread's
            // chunk of a larger batch this runs on that thread alone.
            int channels = g.inChannelsPerGroup();
            int grain = Math.max(1, (int) Math.min(channels, (1L << 15) / Math.max(1, (long) g.columnRows() / channels
                    * plane)));
            Parallel.forChunks(channels, grain, (from, to) -> Im2col.unfold(x.data(),
                    x.offset() + inputStart(g, first, group), g, columns, 0, plane, from, to));
            return;
        }
        for (int i = 0; i < count; i++) {
            Im2col.unfold(x.data(), x.offset() + inputStart(g, first + i, group), g, columns, i * plane, count * plane);
        }
    }

    private static int imagesPerChunk(ConvolutionGeometry g) {
        return Math.max(1, Math.min(g.batch(), CHUNK_COLUMNS / Math.max(1, g.outPlane())));
    }

    private static int chunkCount(ConvolutionGeometry g) {
        int images = imagesPerChunk(g);
        return (g.batch() + images - 1) / images;
    }

    private static int inputStart(ConvolutionGeometry g, int n, int group) {
        return (n * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlane();
    }

    private static int outputStart(ConvolutionGeometry g, int n, int group) {
        return (n * g.outChannels() + group * g.outChannelsPerGroup()) * g.outPlane();
    }
}
