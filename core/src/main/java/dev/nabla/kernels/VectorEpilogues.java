package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API loops of a convolution's epilogues: {@link Kernels#addRowBias} and {@link Kernels#scaleShiftRows}. */
final class VectorEpilogues {
    private static final VectorSpecies<Float> SPECIES = VectorKernels.SPECIES;

    private VectorEpilogues() {
    }

    /** {@link Kernels#addRowBias}. */
    static void addRowBias(float[] in, int inOff, int inStride, float[] bias, int biasOff, int biasStride,
                           float[] out, int outOff, int outStride, int rows, int columns) {
        int bound = SPECIES.loopBound(columns);
        for (int r = 0; r < rows; r++) {
            float b = bias[biasOff + r * biasStride];
            FloatVector broadcast = FloatVector.broadcast(SPECIES, b);
            int from = inOff + r * inStride;
            int to = outOff + r * outStride;
            int j = 0;
            for (; j < bound; j += SPECIES.length()) {
                FloatVector.fromArray(SPECIES, in, from + j).add(broadcast).intoArray(out, to + j);
            }
            for (; j < columns; j++) {
                out[to + j] = in[from + j] + b;
            }
        }
    }

    /** {@link Kernels#scaleShiftRows}, the activation applied to each row while it is in cache. */
    static void scaleShiftRows(Kernels kernels, float[] in, int inOff, int inStride, float[] scale, float[] shift,
                               int paramOff, int paramStride, float[] residual, int residualOff, int residualStride,
                               UnaryOp op, float param, float[] out, int outOff, int outStride, int rows, int columns) {
        int bound = SPECIES.loopBound(columns);
        for (int r = 0; r < rows; r++) {
            float s = scale[paramOff + r * paramStride];
            float t = shift[paramOff + r * paramStride];
            FloatVector vs = FloatVector.broadcast(SPECIES, s);
            FloatVector vt = FloatVector.broadcast(SPECIES, t);
            int from = inOff + r * inStride;
            int to = outOff + r * outStride;
            int j = 0;
            if (residual == null) {
                for (; j < bound; j += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, in, from + j).fma(vs, vt).intoArray(out, to + j);
                }
                for (; j < columns; j++) {
                    out[to + j] = Math.fma(in[from + j], s, t);
                }
            } else {
                int add = residualOff + r * residualStride;
                for (; j < bound; j += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, in, from + j).fma(vs, vt)
                            .add(FloatVector.fromArray(SPECIES, residual, add + j)).intoArray(out, to + j);
                }
                for (; j < columns; j++) {
                    out[to + j] = Math.fma(in[from + j], s, t) + residual[add + j];
                }
            }
            if (op != null) {
                kernels.unary(op, param, out, to, out, to, columns);
            }
        }
    }
}
