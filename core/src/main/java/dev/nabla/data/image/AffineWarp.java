package dev.nabla.data.image;

import dev.nabla.tensor.Tensor;

/**
 * Resamples an image through an affine map of pixel coordinates, bilinearly, with a fill
 * value outside the source (torchvision's {@code affine} with {@code BILINEAR}). Pixel
 * {@code (x, y)} has its centre at integer coordinates.
 */
final class AffineWarp {

    /** Source coordinates this close to an integer are taken as that integer, so that exact maps give exact copies. */
    private static final double SNAP = 1e-6;

    private AffineWarp() {
    }

    /**
     * Output pixel {@code (x, y)} takes the source value at {@code (m[0]·x + m[1]·y + m[2],
     * m[3]·x + m[4]·y + m[5])}; source pixels outside the image count as {@code fill}.
     */
    static Tensor warp(Tensor image, double[] m, float fill) {
        int channels = image.dim(0);
        int height = image.dim(1);
        int width = image.dim(2);
        int plane = height * width;
        float[] source = image.toFloatArray();
        float[] result = new float[source.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = snap(m[0] * x + m[1] * y + m[2]);
                double sy = snap(m[3] * x + m[4] * y + m[5]);
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float top = mix(at(source, base, width, height, x0, y0, fill),
                            at(source, base, width, height, x0 + 1, y0, fill), fx);
                    float bottom = mix(at(source, base, width, height, x0, y0 + 1, fill),
                            at(source, base, width, height, x0 + 1, y0 + 1, fill), fx);
                    result[base + y * width + x] = mix(top, bottom, fy);
                }
            }
        }
        return Tensor.of(result, channels, height, width);
    }

    /** The map of a rotation by {@code cos, sin} and a scaling by {@code scale} about the image centre, then a shift. */
    static double[] aboutCentre(int height, int width, double cos, double sin, double scale, double shiftX,
            double shiftY) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        // Inverse of: out = centre + scale · R · (in - centre) + shift, with R turning counter-clockwise on screen.
        double a = cos / scale;
        double b = -sin / scale;
        double d = sin / scale;
        double e = cos / scale;
        double ox = cx + shiftX;
        double oy = cy + shiftY;
        return new double[] {a, b, cx - a * ox - b * oy, d, e, cy - d * ox - e * oy};
    }

    private static float mix(float a, float b, float t) {
        return t == 0f ? a : a + t * (b - a);
    }

    private static float at(float[] source, int base, int width, int height, int x, int y, float fill) {
        return x < 0 || y < 0 || x >= width || y >= height ? fill : source[base + y * width + x];
    }

    private static double snap(double value) {
        double nearest = Math.rint(value);
        return Math.abs(value - nearest) < SNAP ? nearest : value;
    }
}
