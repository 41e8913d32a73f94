package dev.nabla.tensor;

import dev.nabla.kernels.HalfPrecision;

/**
 * What a tensor's values are and how they are stored (PyTorch's {@code torch.dtype}).
 * {@link #FLOAT32} is the compute type. Integer data (labels, token ids, indices) lives in
 * float32 storage, exact up to 2^24, and is marked {@link #INT32} so that it prints as
 * integers and is checked where integers are required. {@link #BFLOAT16} and {@link #FLOAT16}
 * store each value in 2 bytes; ops on them compute in float32 and round the result.
 *
 * <p>The result of an op on two tensors follows PyTorch's promotion: the same dtype stays
 * ({@code bfloat16 + bfloat16 → bfloat16}); a half with float32 gives float32, bfloat16 with
 * float16 gives float32; but a 0-d float tensor (a scalar such as {@code x.mul(2f)}) or an
 * integral tensor does not widen a half one. Arithmetic on integral tensors gives float32.
 */
public enum DType {
    /** 32-bit floating point: the compute type. */
    FLOAT32(4, null),
    /** Integral values (indices, labels, counts) held in float32 storage. */
    INT32(4, null),
    /** bfloat16 ({@code torch.bfloat16}): float32's range, 8 significant bits, 2 bytes. */
    BFLOAT16(2, HalfPrecision.BFLOAT16),
    /** IEEE half precision ({@code torch.float16}): 11 significant bits, largest 65504, 2 bytes. */
    FLOAT16(2, HalfPrecision.FLOAT16);

    private final int bytes;
    private final HalfPrecision halfPrecision;

    DType(int bytes, HalfPrecision halfPrecision) {
        this.bytes = bytes;
        this.halfPrecision = halfPrecision;
    }

    /** The bytes one element takes in storage. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is a 16-bit floating-point dtype. */
    public boolean isHalf() {
        return halfPrecision != null;
    }

    /** The 16-bit format of a half dtype, or null. */
    HalfPrecision halfPrecision() {
        return halfPrecision;
    }

    /** The dtype of a floating result computed from {@code t} alone: its own when half, else float32. */
    static DType floating(Tensor t) {
        return t.dtype().isHalf() ? t.dtype() : FLOAT32;
    }

    /**
     * The dtype of a floating result computed from these tensors (nulls skipped), promoted as
     * the class comment says: 0-d tensors count only when no tensor has dimensions, and
     * integral tensors never count.
     */
    static DType promote(Tensor... tensors) {
        boolean anyDimensioned = false;
        for (Tensor t : tensors) {
            anyDimensioned |= t != null && t.dtype() != INT32 && t.rank() > 0;
        }
        DType half = null;
        boolean widest = false;
        for (Tensor t : tensors) {
            if (t == null || t.dtype() == INT32 || (anyDimensioned && t.rank() == 0)) {
                continue;
            }
            if (!t.dtype().isHalf() || (half != null && half != t.dtype())) {
                widest = true;
            } else {
                half = t.dtype();
            }
        }
        return half == null || widest ? FLOAT32 : half;
    }
}
