package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Mirrors an image {@code [channels, height, width]} top to bottom with probability
 * {@code probability} (torchvision's {@code RandomVerticalFlip}, Keras's
 * {@code RandomFlip("vertical")}). Draws one number per call.
 */
public record VerticalFlip(double probability) implements Transform {

    public VerticalFlip {
        Transforms.checkProbability(probability, "VerticalFlip");
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "VerticalFlip");
        return generator.nextDouble() < probability ? flip(image) : image;
    }

    /** {@code image} mirrored top to bottom: row {@code y} becomes row {@code height - 1 - y}. */
    public static Tensor flip(Tensor image) {
        Images.checkImage(image, "VerticalFlip");
        return image.flip(1);
    }
}
