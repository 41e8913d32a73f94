package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Scales the content of an image {@code [channels, height, width]} about its centre by a
 * factor drawn uniformly from {@code [minScale, maxScale]}, keeping the image's size: above 1
 * zooms in (the border is cut off), below 1 zooms out (the border gets {@code fill})
 * (torchvision's {@code RandomAffine(degrees=0, scale=(min, max))}). Draws one number per call.
 */
public record Zoom(double minScale, double maxScale, float fill) implements Transform {

    public Zoom {
        Transforms.checkRange(minScale, maxScale, Double.MIN_VALUE, "scale", "Zoom");
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        return zoom(image, Transforms.uniform(generator, minScale, maxScale), fill);
    }

    /** {@code image} with its content scaled by {@code scale} about the centre (bilinear). */
    public static Tensor zoom(Tensor image, double scale, float fill) {
        Images.checkImage(image, "Zoom");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Zoom: the scale must be positive and finite, got " + scale);
        }
        return AffineWarp.warp(image, AffineWarp.aboutCentre(image.dim(1), image.dim(2), 1, 0, scale, 0, 0), fill);
    }
}
