package dev.nabla.tensor;

/** How {@link Tensor#pad} fills the border (PyTorch's {@code F.pad} modes). */
public enum PadMode {
    /** A constant value. */
    CONSTANT,
    /** The mirror image without repeating the edge: 3 2 | 1 2 3 | 2 1. */
    REFLECT,
    /** The edge value repeated: 1 1 | 1 2 3 | 3 3. */
    REPLICATE
}
