package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Mirrors an image {@code [channels, height, width]} left to right with probability
 * {@code probability} (torchvision's {@code RandomHorizontalFlip}, Keras's
 * {@code RandomFlip("horizontal")}). Draws one number per call.
 */
public record HorizontalFlip(double probability) implements Transform {

    public HorizontalFlip {
        Transforms.checkProbability(probability, "HorizontalFlip");
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "HorizontalFlip");
        return generator.nextDouble() < probability ? flip(image) : image;
    }

    /** {@code image} mirrored left to right: column {@code x} becomes column {@code width - 1 - x}. */
    public static Tensor flip(Tensor image) {
        Images.checkImage(image, "HorizontalFlip");
        return image.flip(2);
    }
}
