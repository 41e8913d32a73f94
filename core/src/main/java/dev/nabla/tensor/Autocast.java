package dev.nabla.tensor;

/**
 * A per-thread scope in which the products (matmul, linear, convolution) take their float32
 * operands in a half dtype: PyTorch's {@code torch.autocast(dtype=torch.bfloat16)}, the
 * engine under Keras's {@code mixed_bfloat16} policy. The operands are cast with
 * {@link Tensor#to(DType)}, so gradients flow back to float32 weights in float32; the
 * products read the halves and accumulate in float32, and their results are in the half dtype,
 * so the activations after them take half the memory. Softmax and log-softmax compute in
 * float32; other ops keep the dtype of their inputs (a half stays half). Scopes nest; the innermost dtype applies, and {@link DType#FLOAT32}
 * turns casting off inside an outer scope.
 *
 * <pre>{@code
 * try (Autocast ignored = Autocast.enter(DType.BFLOAT16)) {
 *     Tensor logits = network.forward(images);            // bfloat16
 *     Tensor loss = criterion.apply(logits.to(DType.FLOAT32), labels);
 * }
 * }</pre>
 */
public final class Autocast implements AutoCloseable {

    private static final ThreadLocal<DType[]> CURRENT = ThreadLocal.withInitial(() -> new DType[] {DType.FLOAT32});

    private final DType previous;
    private boolean closed;

    private Autocast(DType previous) {
        this.previous = previous;
    }

    /**
     * Casts the products' float32 operands to {@code dtype} on this thread until the returned
     * scope is closed.
     *
     * @throws IllegalArgumentException for {@link DType#INT32}
     */
    public static Autocast enter(DType dtype) {
        if (dtype == null || !(dtype.isHalf() || dtype == DType.FLOAT32)) {
            throw new IllegalArgumentException("Autocast: expected BFLOAT16, FLOAT16 or FLOAT32, got " + dtype);
        }
        DType[] current = CURRENT.get();
        Autocast scope = new Autocast(current[0]);
        current[0] = dtype;
        return scope;
    }

    /** The dtype products compute in on this thread: a half dtype inside a scope, else float32. */
    public static DType computeDtype() {
        return CURRENT.get()[0];
    }

    /** Whether a scope casts and one of these tensors (nulls skipped) is float32, so the op should take them cast. */
    static boolean casts(Tensor... operands) {
        if (CURRENT.get()[0] == DType.FLOAT32) {
            return false;
        }
        for (Tensor t : operands) {
            if (t != null && t.dtype() == DType.FLOAT32) {
                return true;
            }
        }
        return false;
    }

    /** {@code t} in the current half dtype when it is float32 and a scope casts; else {@code t} (null stays null). */
    static Tensor cast(Tensor t) {
        DType dtype = CURRENT.get()[0];
        return t == null || dtype == DType.FLOAT32 || t.dtype() != DType.FLOAT32 ? t : t.to(dtype);
    }

    /**
     * {@code t} in float32 when a scope casts and it is half, for the ops that need float32's
     * precision (softmax and log-softmax, as PyTorch's autocast runs them in float32: a
     * bfloat16 softmax would not sum to 1 within 1e-3); else {@code t}.
     */
    static Tensor widen(Tensor t) {
        return CURRENT.get()[0] != DType.FLOAT32 && t.dtype().isHalf() ? t.to(DType.FLOAT32) : t;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CURRENT.get()[0] = previous;
        }
    }
}
