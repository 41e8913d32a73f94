package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * A change to one image {@code [channels, height, width]} (torchvision's {@code transforms}):
 * a random augmentation draws what it needs from the generator it is given, so the same
 * seed gives the same result; a fixed transform ({@link Resize}, {@link Normalize}) ignores
 * it. Transforms hold no mutable state and may be used from several threads, each with its
 * own generator.
 */
@FunctionalInterface
public interface Transform {

    /** The transformed image; {@code image} itself is left unchanged. */
    Tensor apply(Tensor image, Generator generator);
}
