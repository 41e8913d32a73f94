package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * With probability {@code probability}, sets a random rectangle of an image {@code [channels,
 * height, width]} to {@code value} in every channel (torchvision's {@code RandomErasing},
 * Zhong et al. 2017): its area is a fraction of the image's drawn from {@code [minArea,
 * maxArea]}, its height/width ratio log-uniformly from {@code [minRatio, maxRatio]}; a draw
 * that does not fit is retried, up to ten times, after which the image is left unchanged.
 * Usually placed after {@link Normalize}, where 0 is the mean colour.
 */
public record RandomErasing(double probability, double minArea, double maxArea, double minRatio, double maxRatio,
        float value) implements Transform {

    private static final int ATTEMPTS = 10;

    public RandomErasing {
        Transforms.checkProbability(probability, "RandomErasing");
        Transforms.checkRange(minArea, maxArea, 0, "area fraction", "RandomErasing");
        Transforms.checkRange(minRatio, maxRatio, Double.MIN_VALUE, "aspect ratio", "RandomErasing");
        if (maxArea > 1) {
            throw new IllegalArgumentException("RandomErasing: the area is a fraction of the image, at most 1, got "
                    + maxArea);
        }
    }

    /** torchvision's defaults: probability 0.5, area 2–33 %, ratio 0.3–3.3, value 0. */
    public RandomErasing() {
        this(0.5, 0.02, 0.33, 0.3, 3.3, 0f);
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        Images.checkImage(image, "RandomErasing");
        if (generator.nextDouble() >= probability) {
            return image;
        }
        int height = image.dim(1);
        int width = image.dim(2);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double area = height * width * Transforms.uniform(generator, minArea, maxArea);
            double ratio = Math.exp(Transforms.uniform(generator, Math.log(minRatio), Math.log(maxRatio)));
            int eraseHeight = (int) Math.round(Math.sqrt(area * ratio));
            int eraseWidth = (int) Math.round(Math.sqrt(area / ratio));
            if (eraseHeight < height && eraseWidth < width) {
                int top = generator.nextInt(height - eraseHeight + 1);
                int left = generator.nextInt(width - eraseWidth + 1);
                return erase(image, top, left, eraseHeight, eraseWidth, value);
            }
        }
        return image;
    }

    /** {@code image} with rows {@code [top, top + height)} and columns {@code [left, left + width)} set to {@code value}. */
    public static Tensor erase(Tensor image, int top, int left, int height, int width, float value) {
        Images.checkImage(image, "RandomErasing");
        int channels = image.dim(0);
        int rows = image.dim(1);
        int columns = image.dim(2);
        if (top < 0 || left < 0 || height < 0 || width < 0 || top + height > rows || left + width > columns) {
            throw new IllegalArgumentException("RandomErasing: the rectangle at row " + top + ", column " + left
                    + " of " + height + "×" + width + " is not inside the image " + image.shape());
        }
        float[] values = image.toFloatArray();
        for (int c = 0; c < channels; c++) {
            for (int y = top; y < top + height; y++) {
                int start = (c * rows + y) * columns + left;
                Arrays.fill(values, start, start + width, value);
            }
        }
        return Tensor.of(values, channels, rows, columns);
    }
}
