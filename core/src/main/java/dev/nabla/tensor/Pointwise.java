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
        Tensor input = x.contiguousData();
        float[] out = new float[x.size()];
        int grain = grain(op);
        Parallel.forChunks(out.length, grain,
                (s, e) -> k.unary(op, param, input.storage, input.offset + s, out, s, e - s));
        Tensor y = Tensor.wrap(out, x.shape());
        return Autograd.record(name(op), y, g -> new Tensor[] {
            Tensor.wrap(chainRule(op, param, input.storage, input.offset, out, g), x.shape())}, x);
    }

    /**
     * The gradient before a unary op, {@code gradient · op'(x)}, from its input x (at xOff) and
     * its output y (at 0), both as long as the gradient; split over threads by what the op costs.
     */
    static float[] chainRule(UnaryOp op, float param, float[] x, int xOff, float[] y, Tensor gradient) {
        Kernels k = KernelProvider.get();
        Tensor g = gradient.contiguousData();
        float[] before = new float[g.size()];
        Parallel.forChunks(before.length, grain(op), (s, e) -> k.unaryBackward(op, param, x, xOff + s, y, s,
                g.storage, g.offset + s, before, s, e - s));
        return before;
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast(name(op), a.shape(), b.shape());
        float[] out = new float[shape.size()];
        apply(op, a, b, shape, out);
        Tensor y = Tensor.wrap(out, shape);
        return switch (op) {
            case ADD -> Autograd.record("add", y, g -> new Tensor[] {
                    unbroadcast(g, a.shape()), unbroadcast(g, b.shape())}, a, b);
            case SUB -> Autograd.record("sub", y, g -> new Tensor[] {
                    unbroadcast(g, a.shape()), b.requiresGrad() ? unbroadcast(g.neg(), b.shape()) : null}, a, b);
            case MUL -> Autograd.record("mul", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.mul(b), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(a), b.shape()) : null}, a, b);
            case DIV -> Autograd.record("div", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.div(b), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(y).div(b).neg(), b.shape()) : null}, a, b);
            case POW -> Autograd.record("pow", y, g -> new Tensor[] {
                    a.requiresGrad() ? unbroadcast(g.mul(b).mul(a.pow(b.sub(1f))), a.shape()) : null,
                    b.requiresGrad() ? unbroadcast(g.mul(y).mul(logOrZeroAtZero(a)), b.shape()) : null}, a, b);
            case MAX, MIN -> Autograd.record(name(op), y, g -> {
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

    /** Writes op(a, b), broadcast to shape, into out. */
    static void apply(BinaryOp op, Tensor a, Tensor b, Shape shape, float[] out) {
        Kernels k = KernelProvider.get();
        int n = out.length;
        if (n == 0) {
            return;
        }
        boolean aFull = a.shape().equals(shape) && a.isContiguous();
        boolean bFull = b.shape().equals(shape) && b.isContiguous();
        if ((aFull || a.size() == 1) && (bFull || b.size() == 1)) {
            int as = aFull ? 1 : 0;
            int bs = bFull ? 1 : 0;
            Parallel.forChunks(n, grain(op), (s, e) -> k.binary(op, a.storage, a.offset + s * as, as,
                    b.storage, b.offset + s * bs, bs, out, s, e - s));
            return;
        }
        Tensor ea = Movement.broadcastTo(a.detach(), shape);
        Tensor eb = Movement.broadcastTo(b.detach(), shape);
        int last = shape.rank() - 1;
        int inner = shape.dim(last);
        int rows = n / inner;
        int as = ea.strides[last];
        int bs = eb.strides[last];
        Parallel.forChunks(rows, Math.max(1, grain(op) / inner), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                k.binary(op, ea.storage, rowStart(ea, r), as, eb.storage, rowStart(eb, r), bs, out, r * inner, inner);
            }
        });
    }

    /** Storage position of the first element of row r (all dimensions but the last). */
    static int rowStart(Tensor t, int row) {
        int[] dims = t.shape().dimsUnsafe();
        int pos = t.offset;
        for (int d = dims.length - 2; d >= 0 && row > 0; d--) {
            pos += (row % dims[d]) * t.strides[d];
            row /= dims[d];
        }
        return pos;
    }

    /** Storage position of matrix number {@code batch} (all dimensions but the last two). */
    static int rowStartBatch(Tensor t, int batch) {
        int[] dims = t.shape().dimsUnsafe();
        int pos = t.offset;
        for (int d = dims.length - 3; d >= 0 && batch > 0; d--) {
            pos += (batch % dims[d]) * t.strides[d];
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

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast("where", Shape.broadcast("where", condition.shape(), a.shape()), b.shape());
        float[] c = Layout.toArray(Movement.broadcastTo(condition.detach(), shape));
        float[] x = Layout.toArray(Movement.broadcastTo(a.detach(), shape));
        float[] y = Layout.toArray(Movement.broadcastTo(b.detach(), shape));
        float[] out = new float[shape.size()];
        Kernels k = KernelProvider.get();
        Parallel.forChunks(out.length, CHEAP_GRAIN, (s, e) -> k.select(c, s, x, s, y, s, out, s, e - s));
        Tensor zero = Tensor.scalar(0f);
        return Autograd.record("where", Tensor.wrap(out, shape), g -> new Tensor[] {null,
            a.requiresGrad() ? unbroadcast(where(condition, g, zero), a.shape()) : null,
            b.requiresGrad() ? unbroadcast(where(condition, zero, g), b.shape()) : null}, condition, a, b);
    }

    static Tensor clamp(Tensor x, float min, float max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min (" + min + ") is greater than max (" + max + ")");
        }
        float[] in = Layout.toArray(x);
        float[] out = new float[in.length];
        float[] pass = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            out[i] = Float.isNaN(v) ? v : Math.min(Math.max(v, min), max);
            pass[i] = v >= min && v <= max ? 1f : 0f;
        }
        Tensor mask = Tensor.wrap(pass, x.shape());
        return Autograd.record("clamp", Tensor.wrap(out, x.shape()), g -> new Tensor[] {g.mul(mask)}, x);
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
