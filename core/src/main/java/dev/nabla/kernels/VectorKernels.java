package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Kernels on the Vector API. Placeholder: delegates to the scalar definition for now. */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private final ScalarKernels scalar = new ScalarKernels();

    @Override public String name() { return "vector"; }
    @Override public int vectorBitSize() { return SPECIES.vectorBitSize(); }
    @Override public void binary(BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] out, int outOff, int n) { scalar.binary(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n); }
    @Override public void unary(UnaryOp op, float param, float[] a, int aOff, float[] out, int outOff, int n) { scalar.unary(op, param, a, aOff, out, outOff, n); }
    @Override public void unaryBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, float[] g, int gOff, float[] gi, int giOff, int n) { scalar.unaryBackward(op, param, x, xOff, y, yOff, g, gOff, gi, giOff, n); }
    @Override public void select(float[] c, int cOff, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) { scalar.select(c, cOff, a, aOff, b, bOff, out, outOff, n); }
    @Override public float sum(float[] a, int off, int n) { return scalar.sum(a, off, n); }
    @Override public float max(float[] a, int off, int n) { return scalar.max(a, off, n); }
    @Override public float min(float[] a, int off, int n) { return scalar.min(a, off, n); }
    @Override public float dot(float[] a, int aOff, float[] b, int bOff, int n) { return scalar.dot(a, aOff, b, bOff, n); }
    @Override public float sumExp(float[] a, int off, int n, float shift) { return scalar.sumExp(a, off, n, shift); }
    @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) { scalar.axpy(n, alpha, x, xOff, y, yOff); }
    @Override public void gemm(boolean tA, boolean tB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) { scalar.gemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc); }
}
