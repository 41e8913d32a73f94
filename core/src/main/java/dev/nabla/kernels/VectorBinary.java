package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link Kernels#binary}: operands of stride 0 (broadcast) or 1 run whole
 * vectors, the rest (and the tail) the scalar formula of {@link BinaryOp}.
 */
final class VectorBinary {
    private static final VectorSpecies<Float> SPECIES = VectorKernels.SPECIES;
    private static final int L = SPECIES.length();

    private VectorBinary() {
    }

    static void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                       float[] out, int outOff, int n) {
        int i = 0;
        boolean fast = (aStride == 1 && (bStride == 0 || bStride == 1)) || (aStride == 0 && bStride == 1);
        if (fast) {
            i = SPECIES.loopBound(n);
            var x = new Operands(a, aOff, aStride, b, bOff, bStride, out, outOff);
            switch (op) {
                case ADD -> add(x, i);
                case SUB -> sub(x, i);
                case MUL -> mul(x, i);
                case DIV -> div(x, i);
                case POW -> pow(x, i);
                case MAX -> max(x, i);
                case MIN -> min(x, i);
                case EQ -> equal(x, i);
                case NE -> notEqual(x, i);
                case LT -> less(x, i);
                case LE -> lessOrEqual(x, i);
                // a > b is b < a exactly, NaN included.
                case GT -> less(x.swapped(), i);
                case GE -> lessOrEqual(x.swapped(), i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = op.apply(a[aOff + i * aStride], b[bOff + i * bStride]);
        }
    }

    /**
     * The arrays of one binary call with strides 0 (broadcast) or 1; its accessors inline,
     * so vectors stay unboxed. One loop per op below, because a switch inside the loop
     * would box every vector.
     */
    private record Operands(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                            float[] out, int outOff) {
        FloatVector a(int i) {
            return aStride == 0 ? FloatVector.broadcast(SPECIES, a[aOff]) : load(a, aOff + i);
        }

        FloatVector b(int i) {
            return bStride == 0 ? FloatVector.broadcast(SPECIES, b[bOff]) : load(b, bOff + i);
        }

        void put(int i, FloatVector v) {
            v.intoArray(out, outOff + i);
        }

        Operands swapped() {
            return new Operands(b, bOff, bStride, a, aOff, aStride, out, outOff);
        }
    }

    private static void add(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).add(x.b(i)));
        }
    }

    private static void sub(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).sub(x.b(i)));
        }
    }

    private static void mul(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).mul(x.b(i)));
        }
    }

    private static void div(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).div(x.b(i)));
        }
    }

    private static void pow(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).lanewise(VectorOperators.POW, x.b(i)));
        }
    }

    /** Lanewise max and min follow Math.max/min: NaN wins, -0 < +0. */
    private static void max(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).max(x.b(i)));
        }
    }

    private static void min(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, x.a(i).min(x.b(i)));
        }
    }

    // Comparisons give 1 where true, else 0; lanewise tests treat NaN as Java's operators do.
    // One loop each: the test must be a constant for the JIT to use a vector compare.

    private static void equal(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, zero().blend(1f, x.a(i).compare(VectorOperators.EQ, x.b(i))));
        }
    }

    private static void notEqual(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, zero().blend(1f, x.a(i).compare(VectorOperators.NE, x.b(i))));
        }
    }

    private static void less(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, zero().blend(1f, x.a(i).compare(VectorOperators.LT, x.b(i))));
        }
    }

    private static void lessOrEqual(Operands x, int bound) {
        for (int i = 0; i < bound; i += L) {
            x.put(i, zero().blend(1f, x.a(i).compare(VectorOperators.LE, x.b(i))));
        }
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }

    private static FloatVector zero() {
        return FloatVector.zero(SPECIES);
    }
}
