package dev.nabla.cli;

import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;

/**
 * An explanation drawn over its image: the image in grey, enlarged to at least
 * {@value #MIN_SIDE} pixels a side (each pixel a square), blended with a heatmap from
 * transparent (unimportant) through red to yellow (most important), the map scaled to its
 * own maximum.
 */
final class ExplanationImage {

    static final int MIN_SIDE = 224;

    private ExplanationImage() {
    }

    /** {@code image [channels, height, width]} with values in [0, 1], {@code map} one value per pixel. */
    static BufferedImage overlay(Tensor image, float[] map) {
        int channels = image.dim(0);
        int height = image.dim(1);
        int width = image.dim(2);
        int scale = Math.max(1, (MIN_SIDE + Math.max(height, width) - 1) / Math.max(height, width));
        float[] pixels = image.toFloatArray();
        float max = 0;
        for (float value : map) {
            max = Math.max(max, value);
        }
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float grey = 0;
                for (int c = 0; c < channels; c++) {
                    grey += pixels[(c * height + y) * width + x] / channels;
                }
                float heat = max > 0 ? Math.max(0, map[y * width + x]) / max : 0;
                float alpha = 0.75f * heat;
                int red = blend(grey, 1, alpha);
                int green = blend(grey, heat, alpha);
                int blue = blend(grey, 0, alpha);
                int rgb = (red << 16) | (green << 8) | blue;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return out;
    }

    private static int blend(float under, float over, float alpha) {
        float value = Math.clamp(under, 0, 1) * (1 - alpha) + over * alpha;
        return Math.round(Math.clamp(value, 0, 1) * 255);
    }
}
