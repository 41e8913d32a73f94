package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Per-channel standardisation {@code (x - mean[c]) / std[c]} of an image
 * {@code [channels, height, width]} (torchvision's {@code Normalize}). Colour jitter expects
 * values in [0, 1], so put this after it.
 */
public final class Normalize implements Transform {

    private final float[] mean;
    private final float[] std;

    /** The ImageNet statistics most pretrained models expect, for RGB in [0, 1]. */
    public static Normalize imagenet() {
        return new Normalize(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    /** {@code mean} and {@code std} hold one value per channel. */
    public Normalize(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("Normalize: need one mean and one standard deviation per channel, got "
                    + mean.length + " means and " + std.length + " standard deviations");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("Normalize: standard deviations must be positive and finite, got "
                        + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "Normalize");
        int channels = image.dim(0);
        if (channels != mean.length) {
            throw new IllegalArgumentException("Normalize: the image has " + channels + " channels (shape "
                    + image.shape() + ") but " + mean.length + " means and standard deviations were given");
        }
        return image.sub(Tensor.of(mean, channels, 1, 1)).div(Tensor.of(std, channels, 1, 1));
    }

    /** The means, one per channel. */
    public float[] mean() {
        return mean.clone();
    }

    /** The standard deviations, one per channel. */
    public float[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "Normalize(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
