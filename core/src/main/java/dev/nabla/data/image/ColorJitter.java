package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Random changes of brightness, contrast and saturation of an image {@code [1 or 3, height,
 * width]} with values in [0, 1] (torchvision's {@code ColorJitter}, without hue): each
 * amount {@code a} > 0 draws a factor uniformly from {@code [max(0, 1 - a), 1 + a]}, and the
 * adjustments are applied in a random order, results clamped to [0, 1]. Put it before
 * {@link Normalize}. Draws three numbers for the order and one per non-zero amount.
 */
public record ColorJitter(double brightness, double contrast, double saturation) implements Transform {

    public ColorJitter {
        Transforms.checkRange(0, brightness, 0, "brightness", "ColorJitter");
        Transforms.checkRange(0, contrast, 0, "contrast", "ColorJitter");
        Transforms.checkRange(0, saturation, 0, "saturation", "ColorJitter");
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "ColorJitter");
        int[] order = {0, 1, 2};
        for (int i = order.length - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[] factors = {factor(brightness, generator), factor(contrast, generator), factor(saturation, generator)};
        Tensor result = image;
        for (int adjustment : order) {
            double factor = factors[adjustment];
            if (!Double.isNaN(factor)) {
                result = switch (adjustment) {
                    case 0 -> brightness(result, factor);
                    case 1 -> contrast(result, factor);
                    default -> saturation(result, factor);
                };
            }
        }
        return result;
    }

    /** {@code image · factor}, clamped to [0, 1]: 0 gives black, 1 the image. */
    public static Tensor brightness(Tensor image, double factor) {
        Images.checkImage(image, "ColorJitter");
        return image.mul((float) factor).clamp(0f, 1f);
    }

    /**
     * A blend of the image with the mean of its grey version, {@code factor · image +
     * (1 - factor) · mean}, clamped to [0, 1]: 0 gives flat grey, 1 the image.
     */
    public static Tensor contrast(Tensor image, double factor) {
        float mean = grey(image).mean().item();
        return blend(image, Tensor.scalar(mean), factor);
    }

    /**
     * A blend of each pixel with its grey value, clamped to [0, 1]: 0 gives the grey image, 1
     * the image. A one-channel image is returned unchanged.
     */
    public static Tensor saturation(Tensor image, double factor) {
        Images.checkImage(image, "ColorJitter");
        return image.dim(0) == 1 ? image : blend(image, grey(image), factor);
    }

    /** The luminance {@code [1, height, width]} of an RGB image; a one-channel image itself. */
    static Tensor grey(Tensor image) {
        Images.checkImage(image, "ColorJitter");
        if (image.dim(0) == 1) {
            return image;
        }
        if (image.dim(0) != 3) {
            throw new IllegalArgumentException("ColorJitter: need 1 (grey) or 3 (RGB) channels, got shape "
                    + image.shape());
        }
        Tensor weights = Tensor.of(new float[] {Images.RED, Images.GREEN, Images.BLUE}, 3, 1, 1);
        return image.mul(weights).sum(0, true);
    }

    private static Tensor blend(Tensor image, Tensor other, double factor) {
        return image.mul((float) factor).add(other.mul((float) (1 - factor))).clamp(0f, 1f);
    }

    /** A factor drawn for an amount, or NaN (no draw) for an amount of 0. */
    private static double factor(double amount, Generator generator) {
        return amount == 0 ? Double.NaN : Transforms.uniform(generator, Math.max(0, 1 - amount), 1 + amount);
    }
}
