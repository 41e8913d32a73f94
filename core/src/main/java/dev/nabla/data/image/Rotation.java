package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Turns an image {@code [channels, height, width]} about its centre by an angle drawn
 * uniformly from {@code [minDegrees, maxDegrees]}, counter-clockwise for positive angles,
 * keeping its size; corners that come from outside the image get {@code fill}
 * (torchvision's {@code RandomRotation} with bilinear interpolation). Draws one number per call.
 */
public record Rotation(double minDegrees, double maxDegrees, float fill) implements Transform {

    public Rotation {
        Transforms.checkRange(minDegrees, maxDegrees, Double.NEGATIVE_INFINITY, "angle", "Rotation");
    }

    /** Angles in {@code [-degrees, degrees]}, fill 0. */
    public Rotation(double degrees) {
        this(-Math.abs(degrees), Math.abs(degrees), 0f);
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        return rotate(image, Transforms.uniform(generator, minDegrees, maxDegrees), fill);
    }

    /**
     * {@code image} turned counter-clockwise by {@code degrees} about its centre. Multiples of
     * 90° on a square image move pixels exactly: +90° equals transposing height and width then
     * flipping vertically, -90° transposing then flipping horizontally.
     */
    public static Tensor rotate(Tensor image, double degrees, float fill) {
        Images.checkImage(image, "Rotation");
        double radians = Math.toRadians(degrees);
        return AffineWarp.warp(image, AffineWarp.aboutCentre(image.dim(1), image.dim(2), Math.cos(radians),
                Math.sin(radians), 1, 0, 0), fill);
    }
}
