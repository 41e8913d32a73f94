package dev.nabla.tensor;

/**
 * What a tensor's values mean. Storage is always float32: integer data (labels, token
 * ids, indices) lives in float storage, exact up to 2^24, and is marked {@link #INT32} so
 * that it prints as integers and is checked where integers are required. Arithmetic on
 * any tensor produces {@link #FLOAT32}.
 */
public enum DType {
    /** 32-bit floating point: the compute type. */
    FLOAT32,
    /** Integral values (indices, labels, counts) held in float32 storage. */
    INT32
}
