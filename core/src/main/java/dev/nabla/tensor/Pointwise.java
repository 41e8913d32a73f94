package dev.nabla.tensor;

import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;
import java.util.Locale;

/** Elementwise ops with NumPy broadcasting, and their backward rules. */
final class Pointwise {

    /** Elements per parallel chunk for work of a few operations per element (reductions, rows). */
    static final int GRAIN = 1 << 15;
    /** Elements per parallel chunk of an elementwise op of a few cycles per element (add, relu). */
    private static final int CHEAP_GRAIN = 1 << 19;
    /** Elements per parallel chunk of an op on exp or log (exp, sigmoid, softplus). */
    private static final int EXPONENTIAL_GRAIN = 1 << 18;
    /** Elements per parallel chunk of the costliest ops (tanh, gelu, erf, sin, pow). */
    private static final int HEAVY_GRAIN = 1 << 16;

    private Pointwise() {
    }

    /**
     * Elements per parallel chunk of a unary op (forward or backward), by what an element costs.
     * Between the ops of a training step the second thread parks, so each split pays a wake-up
     * of tens of microseconds: a second thread pays only for long arrays, the sooner the more an
     * element costs (the thresholds measured are in docs/performance.md).
     */
    static int grain(UnaryOp op) {
        return switch (op) {
            case TANH, GELU, GELU_TANH, ERF, SIN, COS, POW_SCALAR -> HEAVY_GRAIN;
            case EXP, LOG, LOG1P, SIGMOID, SILU, ELU, SOFTPLUS -> EXPONENTIAL_GRAIN;
            case NEG, ABS, SQRT, RELU, LEAKY_RELU, SIGN -> CHEAP_GRAIN;
        };
    }

    /** Elements per parallel chunk of a binary op: pow is costly, the others a few cycles. */
    static int grain(BinaryOp op) {
        return op == BinaryOp.POW ? HEAVY_GRAIN : CHEAP_GRAIN;
    }

    static Tensor unary(UnaryOp op, float param, Tensor x) {
        Kernels k = KernelProvider.get();
        Tensor input = x.floatData();
        float[] in = input.data();
        int inOff = input.offset();
        float[] out = new float[x.size()];
        int grain = grain(op);
        Parallel.forChunks(out.length, grain, (s, e) -> k.unary(op, param, in, inOff + s, out, s, e - s));
        DType dtype = DType.floating(x);
        Tensor y = Tensor.wrap(out, x.shape(), dtype);
        return Autograd.record(name(op), y, g -> new Tensor[] {
            Tensor.wrap(chainRule(op, param, in, inOff, out, g), x.shape(), dtype)},
            (g, needed) -> new Tensor[] {UnaryDerivatives.chainRule(op, param, x, y, g)}, x);
    }

    /**
     * The gradient before a unary op, {@code gradient · op'(x)}, from its input x (at xOff) and
     * its output y (at 0), both as long as the gradient; split over threads by what the op costs.
     */
    static float[] chainRule(UnaryOp op, float param, float[] x, int xOff, float[] y, Tensor gradient) {
        Kernels k = KernelProvider.get();
        Tensor g = gradient.floatData();
        float[] gs = g.data();
        int gOff = g.offset();
        float[] before = new float[g.size()];
        Parallel.forChunks(before.length, grain(op), (s, e) -> k.unaryBackward(op, param, x, xOff + s, y, s,
                gs, gOff + s, before, s, e - s));
        return before;
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast(name(op), a.shape(), b.shape());
        float[] out = new float[shape.size()];
        apply(op, a.floatView(), b.floatView(), shape, out);
        Tensor y = Tensor.wrap(out, shape, DType.promote(a, b));
        return switch (op) {
            case ADD -> Autograd.recordComposed("add", y, g -> new Tensor[] {
                    unbroadcast(g, a.shape()), unbroadcast(g, b.shape())}, a, b);
            case SUB -> Autograd.recordComposed("sub", y, g -> new Tensor[] {
                    unbroadcast(g, a.shape()), b.requiresGrad() ? unbroadcast(g.neg(), b.shape()) : null}, a, b);
            case MUL -> Autograd.recordComposed("mul", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.mul(b), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(a), b.shape()) : null}, a, b);
            case DIV -> Autograd.recordComposed("div", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.div(b), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(y).div(b).neg(), b.shape()) : null}, a, b);
            case POW -> Autograd.recordComposed("pow", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.mul(b).mul(a.pow(b.sub(1f))), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(y).mul(logOrZeroAtZero(a)), b.shape()) : null}, a, b);
            case MAX, MIN -> Autograd.recordComposed(name(op), y, g -> {
                // Where the two are equal each gets half the gradient, as in PyTorch.
                Tensor winsA = op == BinaryOp.MAX ? a.gt(b) : a.lt(b);
                Tensor shareA = winsA.add(a.eq(b).mul(0.5f));
                return new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.mul(shareA), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(shareA.neg().add(1f)), b.shape()) : null};
            }, a, b);
            default -> y; // comparisons: piecewise constant, no gradient
        };
    }

    /** log(a), with 0 where a is 0 so that 0^b contributes no exponent gradient. */
    private static Tensor logOrZeroAtZero(Tensor a) {
        Tensor zero = a.eq(0f);
        return Tensor.where(zero, Tensor.scalar(0f), a.add(zero).log());
    }

    /** Writes op(a, b), broadcast to shape, into out; a and b have float32 storage. */
    static void apply(BinaryOp op, Tensor a, Tensor b, Shape shape, float[] out) {
        Kernels k = KernelProvider.get();
        int n = out.length;
        if (n == 0) {
            return;
        }
        boolean aFull = a.shape().equals(shape) && a.isContiguous();
        boolean bFull = b.shape().equals(shape) && b.isContiguous();
        float[] x = a.data();
        float[] y = b.data();
        if ((aFull || a.size() == 1) && (bFull || b.size() == 1)) {
            int as = aFull ? 1 : 0;
            int bs = bFull ? 1 : 0;
            Parallel.forChunks(n, grain(op), (s, e) -> k.binary(op, x, a.offset() + s * as, as,
                    y, b.offset() + s * bs, bs, out, s, e - s));
            return;
        }
        Tensor ea = Movement.broadcastTo(a.detach(), shape);
        Tensor eb = Movement.broadcastTo(b.detach(), shape);
        int last = shape.rank() - 1;
        int inner = shape.dim(last);
        int rows = n / inner;
        int as = ea.stride(last);
        int bs = eb.stride(last);
        Parallel.forChunks(rows, Math.max(1, grain(op) / inner), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                k.binary(op, x, rowStart(ea, r), as, y, rowStart(eb, r), bs, out, r * inner, inner);
            }
        });
    }

    /** Storage position of the first element of row r (all dimensions but the last). */
    static int rowStart(Tensor t, int row) {
        int[] dims = t.shape().dimsUnsafe();
        int pos = t.offset();
        for (int d = dims.length - 2; d >= 0 && row > 0; d--) {
            pos += (row % dims[d]) * t.stride(d);
            row /= dims[d];
        }
        return pos;
    }

    /** Storage position of matrix number {@code batch} (all dimensions but the last two). */
    static int rowStartBatch(Tensor t, int batch) {
        int[] dims = t.shape().dimsUnsafe();
        int pos = t.offset();
        for (int d = dims.length - 3; d >= 0 && batch > 0; d--) {
            pos += (batch % dims[d]) * t.stride(d);
            batch /= dims[d];
        }
        return pos;
    }

    /** Sums g over the dimensions that broadcasting added or stretched, back to shape. */
    static Tensor unbroadcast(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int lead = g.rank() - shape.rank();
        int[] axes = new int[g.rank()];
        int count = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && g.dim(i) != 1)) {
                axes[count++] = i;
            }
        }
        Tensor summed = count == 0 ? g : g.sum(java.util.Arrays.copyOf(axes, count), true);
        return summed.reshape(shape.toArray());
    }

    /**
     * {@code condition ? a : b}, reading the three through broadcast views (stride 0 where they
     * repeat), so neither a mask nor a scalar is copied out to the full shape.
     */
    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast("where", Shape.broadcast("where", condition.shape(), a.shape()), b.shape());
        Shape rows = shape.rank() == 0 ? Shape.of(1) : shape;
        Tensor c = Movement.broadcastTo(condition.floatView(), rows);
        Tensor x = Movement.broadcastTo(a.floatView(), rows);
        Tensor y = Movement.broadcastTo(b.floatView(), rows);
        float[] out = new float[shape.size()];
        int inner = rows.dim(-1);
        if (out.length > 0) {
            Kernels k = KernelProvider.get();
            float[] cs = c.data();
            float[] xs = x.data();
            float[] ys = y.data();
            int last = rows.rank() - 1;
            Parallel.forChunks(out.length / inner, Math.max(1, CHEAP_GRAIN / inner), (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    k.select(cs, rowStart(c, r), c.stride(last), xs, rowStart(x, r), x.stride(last),
                            ys, rowStart(y, r), y.stride(last), out, r * inner, inner);
                }
            });
        }
        Tensor zero = Tensor.scalar(0f);
        return Autograd.recordComposed("where", Tensor.wrap(out, shape, DType.promote(a, b)), g -> new Tensor[] {null,
            a.requiresGrad() ? unbroadcast(where(condition, g, zero), a.shape()) : null,
            b.requiresGrad() ? unbroadcast(where(condition, zero, g), b.shape()) : null}, condition, a, b);
    }

    static Tensor clamp(Tensor x, float min, float max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min (" + min + ") is greater than max (" + max + ")");
        }
        Kernels k = KernelProvider.get();
        Tensor input = x.floatData();
        float[] in = input.data();
        float[] out = new float[x.size()];
        float[] pass = new float[out.length];
        Parallel.forChunks(out.length, CHEAP_GRAIN,
                (s, e) -> k.clamp(in, input.offset() + s, min, max, out, pass, s, e - s));
        DType dtype = DType.floating(x);
        Tensor mask = Tensor.wrap(pass, x.shape(), dtype);
        return Autograd.recordComposed("clamp", Tensor.wrap(out, x.shape(), dtype), g -> new Tensor[] {g.mul(mask)}, x);
    }

    private static String name(Enum<?> op) {
        if (op == BinaryOp.MAX || op == BinaryOp.MIN) {
            return op == BinaryOp.MAX ? "maximum" : "minimum"; // the reductions are max and min
        }
        String[] words = op.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder s = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            s.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return s.toString();
    }
}
