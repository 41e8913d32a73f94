package dev.nabla.monitoring;

import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;

/**
 * Images of tensors: a batch laid out as a near-square grid with a one-pixel gap, values
 * scaled from the batch's extremes to 0..255 (one channel as grey, three as RGB).
 */
public final class ImageGrids {

    private ImageGrids() {
    }

    /** The grid of {@code images}, {@code [n, channels, height, width]} (1 or 3 channels) or {@code [n, height, width]}. */
    public static BufferedImage grid(Tensor images) {
        requireImages(images);
        int rank = images.shape().rank();
        int count = images.dim(0);
        int channels = rank == 4 ? images.dim(1) : 1;
        int height = images.dim(rank - 2);
        int width = images.dim(rank - 1);
        int columns = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + columns - 1) / columns;
        float[] values = images.toFloatArray();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max > min ? max - min : 1;
        BufferedImage grid = new BufferedImage(columns * (width + 1) - 1, rows * (height + 1) - 1,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int n = 0; n < count; n++) {
            int left = (n % columns) * (width + 1);
            int top = (n / columns) * (height + 1);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        int channel = Math.min(c, channels - 1);
                        float value = values[(n * channels + channel) * plane + y * width + x];
                        rgb = (rgb << 8) | Math.round((value - min) / range * 255);
                    }
                    grid.setRGB(left + x, top + y, rgb);
                }
            }
        }
        return grid;
    }

    static void requireImages(Tensor images) {
        int rank = images.shape().rank();
        boolean channelsFit = rank == 3 || (rank == 4 && (images.dim(1) == 1 || images.dim(1) == 3));
        if (!channelsFit || images.dim(0) == 0) {
            throw new IllegalArgumentException("images must be [n, channels, height, width] with 1 or 3 channels, or"
                    + " [n, height, width], with n > 0; got " + images.shape());
        }
    }
}
