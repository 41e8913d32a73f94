package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * One example of a {@link Dataset}: its features (an image {@code [1, 28, 28]}, a row of
 * numbers {@code [in]}) and its target (a class label as a scalar INT32 tensor, or values).
 */
public record Example(Tensor features, Tensor target) {
}
