package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Shifts an image {@code [channels, height, width]} by a whole number of pixels, at most
 * {@code maxFractionX · width} sideways and {@code maxFractionY · height} up or down, drawn
 * uniformly and rounded (torchvision's {@code RandomAffine(degrees=0, translate=(a, b))});
 * what comes from outside gets {@code fill}. Draws two numbers per call.
 */
public record Translation(double maxFractionX, double maxFractionY, float fill) implements Transform {

    public Translation {
        Transforms.checkRange(0, maxFractionX, 0, "horizontal shift", "Translation");
        Transforms.checkRange(0, maxFractionY, 0, "vertical shift", "Translation");
        if (maxFractionX > 1 || maxFractionY > 1) {
            throw new IllegalArgumentException("Translation: the largest shifts are fractions of the image in [0, 1],"
                    + " got " + maxFractionX + " and " + maxFractionY);
        }
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "Translation");
        double maxX = maxFractionX * image.dim(2);
        double maxY = maxFractionY * image.dim(1);
        int shiftX = (int) Math.round(Transforms.uniform(generator, -maxX, maxX));
        int shiftY = (int) Math.round(Transforms.uniform(generator, -maxY, maxY));
        return translate(image, shiftX, shiftY, fill);
    }

    /** {@code image} moved {@code shiftX} pixels right and {@code shiftY} pixels down (negative: left, up). */
    public static Tensor translate(Tensor image, int shiftX, int shiftY, float fill) {
        Images.checkImage(image, "Translation");
        return AffineWarp.warp(image, new double[] {1, 0, -shiftX, 0, 1, -shiftY}, fill);
    }
}
