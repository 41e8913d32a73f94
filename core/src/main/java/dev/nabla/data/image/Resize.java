package dev.nabla.data.image;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Scales an image {@code [channels, height, width]} to a fixed size with a bilinear (triangle)
 * filter, the aspect ratio not kept (torchvision's {@code Resize((height, width))}). Pixel
 * centres sit at half-integers and edges repeat, as in PyTorch's {@code align_corners=False}.
 * When shrinking, the filter widens by the scale factor so that every source pixel
 * contributes (antialiasing, as PIL's {@code BILINEAR} and torchvision's
 * {@code antialias=True}); when enlarging, it is plain bilinear interpolation.
 */
public record Resize(int height, int width) implements Transform {

    public Resize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Resize: the size must be at least 1×1, got " + height + "×" + width);
        }
    }

    @Override
    public Tensor apply(Tensor image, Generator generator) {
        return resize(image, height, width);
    }

    /** {@code image} scaled to {@code [channels, height, width]}. */
    public static Tensor resize(Tensor image, int height, int width) {
        Images.checkImage(image, "Resize");
        int channels = image.dim(0);
        int inHeight = image.dim(1);
        int inWidth = image.dim(2);
        if (inHeight == height && inWidth == width) {
            return image;
        }
        float[] source = image.toFloatArray();
        float[] rows = new float[channels * inHeight * width];
        Filter across = Filter.of(inWidth, width);
        for (int line = 0; line < channels * inHeight; line++) {
            across.apply(source, line * inWidth, 1, rows, line * width, 1);
        }
        float[] result = new float[channels * height * width];
        Filter down = Filter.of(inHeight, height);
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < width; x++) {
                down.apply(rows, c * inHeight * width + x, width, result, c * height * width + x, width);
            }
        }
        return Tensor.of(result, channels, height, width);
    }

    /** For each output position along one axis: the first input position it reads and the weights, summing to 1. */
    private record Filter(int[] first, float[][] weights) {

        static Filter of(int in, int out) {
            double scale = (double) in / out;
            double radius = Math.max(scale, 1.0);
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int low = Math.max(0, (int) Math.floor(center - radius));
                int high = Math.min(in, (int) Math.ceil(center + radius));
                double[] w = new double[high - low];
                double total = 0;
                for (int j = low; j < high; j++) {
                    w[j - low] = Math.max(0, 1 - Math.abs((j + 0.5 - center) / radius));
                    total += w[j - low];
                }
                first[i] = low;
                weights[i] = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    weights[i][k] = (float) (w[k] / total);
                }
            }
            return new Filter(first, weights);
        }

        /** out[outStart + i·outStep] = Σ_k weights[i][k] · in[inStart + (first[i] + k)·inStep]. */
        void apply(float[] in, int inStart, int inStep, float[] out, int outStart, int outStep) {
            for (int i = 0; i < first.length; i++) {
                float sum = 0;
                int position = inStart + first[i] * inStep;
                for (float weight : weights[i]) {
                    sum += weight * in[position];
                    position += inStep;
                }
                out[outStart + i * outStep] = sum;
            }
        }
    }
}
