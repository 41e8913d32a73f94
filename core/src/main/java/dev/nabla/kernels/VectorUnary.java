package dev.nabla.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link Kernels#unary} and {@link Kernels#unaryBackward}: whole vectors
 * over [0, bound); the caller finishes the tail with the scalar formula. Each formula
 * mirrors {@link UnaryOp} operation for operation, so exact ops (neg, abs, relu, sign, ...)
 * agree bit for bit and the others differ only by the rounding of the Vector API's float
 * functions.
 *
 * <p>Why one loop per op (and a long file): the switch must sit outside the loops. A switch
 * on the op inside a loop, or a vector passed through a call that is not inlined, makes
 * the JIT box every vector, which is slower than scalar code.
 */
final class VectorUnary {
    private static final VectorSpecies<Float> S = VectorKernels.SPECIES;
    private static final int L = S.length();
    // The same constants as UnaryOp's scalar formulas (private there).
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final float GELU_TANH_CUBIC = 0.044715f;

    private VectorUnary() {
    }

    /**
     * out = op(a) over whole vectors of [0, bound); false (and nothing written) when op has
     * no vector form: exact GELU and ERF, which need erf (a series in double).
     */
    static boolean forward(UnaryOp op, float p, float[] a, int aOff, float[] out, int oOff, int bound) {
        switch (op) {
            case NEG -> neg(a, aOff, out, oOff, bound);
            case ABS -> abs(a, aOff, out, oOff, bound);
            case SQRT -> sqrt(a, aOff, out, oOff, bound);
            case EXP -> exp(a, aOff, out, oOff, bound);
            case LOG -> log(a, aOff, out, oOff, bound);
            case LOG1P -> log1p(a, aOff, out, oOff, bound);
            case SIN -> sin(a, aOff, out, oOff, bound);
            case COS -> cos(a, aOff, out, oOff, bound);
            case TANH -> tanh(a, aOff, out, oOff, bound);
            case SIGMOID -> sigmoid(a, aOff, out, oOff, bound);
            case RELU -> relu(a, aOff, out, oOff, bound);
            case LEAKY_RELU -> leakyRelu(p, a, aOff, out, oOff, bound);
            case ELU -> elu(p, a, aOff, out, oOff, bound);
            case GELU_TANH -> geluTanh(a, aOff, out, oOff, bound);
            case SILU -> silu(a, aOff, out, oOff, bound);
            case SOFTPLUS -> softplus(p, a, aOff, out, oOff, bound);
            case SIGN -> sign(a, aOff, out, oOff, bound);
            case POW_SCALAR -> pow(p, a, aOff, out, oOff, bound);
            case GELU, ERF -> {
                return false;
            }
        }
        return true;
    }

    /** gradIn = gradOut · op'(x) over whole vectors of [0, bound); false when op has no vector form. */
    static boolean backward(UnaryOp op, float p, Grad g, int bound) {
        switch (op) {
            case NEG -> constant(-1f, g, bound);
            case ABS -> absBackward(g, bound);
            case SQRT -> sqrtBackward(g, bound);
            case EXP -> expBackward(g, bound);
            case LOG -> logBackward(0f, g, bound);
            case LOG1P -> logBackward(1f, g, bound);
            case SIN -> sinBackward(g, bound);
            case COS -> cosBackward(g, bound);
            case TANH -> tanhBackward(g, bound);
            case SIGMOID -> sigmoidBackward(g, bound);
            case RELU -> leakyReluBackward(0f, g, bound);
            case LEAKY_RELU -> leakyReluBackward(p, g, bound);
            case ELU -> eluBackward(p, g, bound);
            case GELU_TANH -> geluTanhBackward(g, bound);
            case SILU -> siluBackward(g, bound);
            case SOFTPLUS -> softplusBackward(p, g, bound);
            case SIGN -> constant(0f, g, bound);
            case POW_SCALAR -> powBackward(p, g, bound);
            case GELU, ERF -> {
                return false;
            }
        }
        return true;
    }

    /** The arrays of one unaryBackward call; its accessors inline, so vectors stay unboxed. */
    record Grad(float[] x, int xOff, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        FloatVector x(int i) {
            return FloatVector.fromArray(S, x, xOff + i);
        }

        FloatVector y(int i) {
            return FloatVector.fromArray(S, y, yOff + i);
        }

        /** gradIn[i..] = gradOut[i..] · derivative. */
        void put(int i, FloatVector derivative) {
            FloatVector.fromArray(S, gradOut, gOff + i).mul(derivative).intoArray(gradIn, giOff + i);
        }
    }

    // ---- forward loops ----

    private static void neg(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).neg().intoArray(out, oOff + i);
        }
    }

    private static void abs(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).abs().intoArray(out, oOff + i);
        }
    }

    private static void sqrt(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).sqrt().intoArray(out, oOff + i);
        }
    }

    private static void exp(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            // Not lanewise(EXP): the Vector API's interpreted and compiled exponentials differ in the
            // last bit, so the same call could give two results in one run (VectorRows#exp).
            VectorRows.exp(load(a, aOff + i)).intoArray(out, oOff + i);
        }
    }

    private static void log(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).lanewise(VectorOperators.LOG).intoArray(out, oOff + i);
        }
    }

    private static void log1p(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).lanewise(VectorOperators.LOG1P).intoArray(out, oOff + i);
        }
    }

    private static void sin(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).lanewise(VectorOperators.SIN).intoArray(out, oOff + i);
        }
    }

    private static void cos(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).lanewise(VectorOperators.COS).intoArray(out, oOff + i);
        }
    }

    private static void tanh(float[] a, int aOff, float[] out, int oOff, int bound) {
        VectorActivations.tanh(a, aOff, out, oOff, bound);
    }

    private static void sigmoid(float[] a, int aOff, float[] out, int oOff, int bound) {
        VectorActivations.sigmoid(a, aOff, out, oOff, bound);
    }

    /** x > 0 ? x : 0 — a blend, not max(x, 0): NaN and -0 give +0, as in the scalar form. */
    private static void relu(float[] a, int aOff, float[] out, int oOff, int bound) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            zero.blend(x, positive(x)).intoArray(out, oOff + i);
        }
    }

    private static void leakyRelu(float slope, float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            x.mul(slope).blend(x, positive(x)).intoArray(out, oOff + i);
        }
    }

    private static void elu(float alpha, float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            x.lanewise(VectorOperators.EXPM1).mul(alpha).blend(x, positive(x)).intoArray(out, oOff + i);
        }
    }

    private static void geluTanh(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            FloatVector t = VectorActivations.tanh(geluInner(x));
            x.mul(0.5f).mul(t.add(1f)).intoArray(out, oOff + i);
        }
    }

    private static void silu(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            x.mul(sigmoid(x)).intoArray(out, oOff + i);
        }
    }

    /** beta·x > 20 ? x : (max(bx, 0) + log1p(e^-|bx|)) / beta, as the scalar form. */
    private static void softplus(float beta, float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = load(a, aOff + i);
            FloatVector bx = x.mul(beta);
            FloatVector tail = bx.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
            FloatVector soft = bx.max(0f).add(tail).div(beta);
            soft.blend(x, bx.compare(VectorOperators.GT, UnaryOp.SOFTPLUS_THRESHOLD)).intoArray(out, oOff + i);
        }
    }

    private static void sign(float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            signum(load(a, aOff + i)).intoArray(out, oOff + i);
        }
    }

    private static void pow(float exponent, float[] a, int aOff, float[] out, int oOff, int bound) {
        for (int i = 0; i < bound; i += L) {
            load(a, aOff + i).lanewise(VectorOperators.POW, exponent).intoArray(out, oOff + i);
        }
    }

    // ---- backward loops: gradIn = gradOut · f'(x, y) ----

    private static void constant(float derivative, Grad g, int bound) {
        FloatVector d = FloatVector.broadcast(S, derivative);
        for (int i = 0; i < bound; i += L) {
            g.put(i, d);
        }
    }

    private static void absBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, signum(g.x(i)));
        }
    }

    private static void sqrtBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, FloatVector.broadcast(S, 0.5f).div(g.y(i)));
        }
    }

    private static void expBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, g.y(i));
        }
    }

    /** 1 / (shift + x): log with shift 0, log1p with shift 1. */
    private static void logBackward(float shift, Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = g.x(i);
            g.put(i, one().div(shift == 0f ? x : x.add(shift)));
        }
    }

    private static void sinBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, g.x(i).lanewise(VectorOperators.COS));
        }
    }

    private static void cosBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, g.x(i).lanewise(VectorOperators.SIN).neg());
        }
    }

    private static void tanhBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector y = g.y(i);
            g.put(i, one().sub(y.mul(y)));
        }
    }

    private static void sigmoidBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector y = g.y(i);
            g.put(i, y.mul(one().sub(y)));
        }
    }

    private static void leakyReluBackward(float slope, Grad g, int bound) {
        FloatVector d = FloatVector.broadcast(S, slope);
        for (int i = 0; i < bound; i += L) {
            g.put(i, d.blend(1f, positive(g.x(i))));
        }
    }

    private static void eluBackward(float alpha, Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            g.put(i, g.y(i).add(alpha).blend(1f, positive(g.x(i))));
        }
    }

    private static void geluTanhBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = g.x(i);
            FloatVector t = VectorActivations.tanh(geluInner(x));
            FloatVector dInner = x.mul(3f * GELU_TANH_CUBIC).mul(x).add(1f).mul(SQRT_2_OVER_PI);
            FloatVector slope = x.mul(0.5f).mul(one().sub(t.mul(t))).mul(dInner);
            g.put(i, t.add(1f).mul(0.5f).add(slope));
        }
    }

    private static void siluBackward(Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector x = g.x(i);
            FloatVector s = sigmoid(x);
            g.put(i, s.mul(x.mul(one().sub(s)).add(1f)));
        }
    }

    private static void softplusBackward(float beta, Grad g, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector bx = g.x(i).mul(beta);
            g.put(i, sigmoid(bx).blend(1f, bx.compare(VectorOperators.GT, UnaryOp.SOFTPLUS_THRESHOLD)));
        }
    }

    /** exponent · x^(exponent − 1), and 0 for exponent 0 (x⁰ is constant, even at x = 0). */
    private static void powBackward(float exponent, Grad g, int bound) {
        if (exponent == 0f) {
            constant(0f, g, bound);
            return;
        }
        for (int i = 0; i < bound; i += L) {
            g.put(i, g.x(i).lanewise(VectorOperators.POW, exponent - 1f).mul(exponent));
        }
    }

    // ---- formulas shared by the loops ----

    /**
     * 1 / (1 + e^-x) without overflow: with e = e^-|x| in (0, 1], 1 / (1 + e) for x ≥ 0 and
     * e / (1 + e) for x < 0, like the scalar form. ±inf give 1 and 0, NaN gives NaN.
     */
    private static FloatVector sigmoid(FloatVector x) {
        return VectorActivations.sigmoid(x);
    }

    /** sqrt(2/π)·(x + 0.044715·x³), in the scalar form's order of operations. */
    private static FloatVector geluInner(FloatVector x) {
        return x.mul(GELU_TANH_CUBIC).mul(x).mul(x).add(x).mul(SQRT_2_OVER_PI);
    }

    /** Math.signum per lane: ±1, with ±0 and NaN passed through. */
    private static FloatVector signum(FloatVector x) {
        return x.blend(1f, positive(x)).blend(-1f, x.compare(VectorOperators.LT, 0f));
    }

    private static VectorMask<Float> positive(FloatVector x) {
        return x.compare(VectorOperators.GT, 0f);
    }

    private static FloatVector one() {
        return FloatVector.broadcast(S, 1f);
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(S, array, offset);
    }
}
