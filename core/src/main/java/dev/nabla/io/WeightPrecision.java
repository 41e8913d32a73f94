package dev.nabla.io;

/** How a model file stores its weights: float32 (the default, exact) or bfloat16 (half the size). */
public enum WeightPrecision {
    /** 32-bit floats: the weights exactly. */
    FLOAT32,
    /** bfloat16, each weight rounded to the nearest: float32's range, about 3 significant digits. */
    BFLOAT16
}
