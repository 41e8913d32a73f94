package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.PadMode;
import dev.nabla.tensor.Tensor;

/**
 * Pads an image {@code [channels, height, width]} by {@code padding} pixels on every side,
 * then cuts out a {@code [channels, cropHeight, cropWidth]} window at a uniformly drawn
 * position (torchvision's {@code RandomCrop(size, padding, fill, padding_mode)}; the CIFAR
 * recipe is {@code new RandomCrop(32, 32, 4)}). Draws two numbers per call.
 */
public record RandomCrop(int cropHeight, int cropWidth, int padding, PadMode mode, float fill) implements Transform {

    public RandomCrop {
        if (cropHeight < 1 || cropWidth < 1 || padding < 0) {
            throw new IllegalArgumentException("RandomCrop: need a crop of at least 1×1 and padding ≥ 0, got "
                    + cropHeight + "×" + cropWidth + " with padding " + padding);
        }
        if (mode == null) {
            throw new IllegalArgumentException("RandomCrop: the padding mode is null; use PadMode.CONSTANT for a fill");
        }
    }

    /** Padding with zeros. */
    public RandomCrop(int cropHeight, int cropWidth, int padding) {
        this(cropHeight, cropWidth, padding, PadMode.CONSTANT, 0f);
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "RandomCrop");
        Tensor padded = padding == 0 ? image
                : image.pad(new int[] {padding, padding, padding, padding}, mode, fill);
        int height = padded.dim(1);
        int width = padded.dim(2);
        if (height < cropHeight || width < cropWidth) {
            throw new IllegalArgumentException("RandomCrop: cannot cut " + cropHeight + "×" + cropWidth + " out of an"
                    + " image of shape " + image.shape() + " padded by " + padding + " to " + height + "×" + width
                    + "; resize it first or pad more");
        }
        int top = generator.nextInt(height - cropHeight + 1);
        int left = generator.nextInt(width - cropWidth + 1);
        return padded.slice(1, top, top + cropHeight).slice(2, left, left + cropWidth).contiguous();
    }
}
