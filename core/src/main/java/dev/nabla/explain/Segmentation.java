package dev.nabla.explain;

import dev.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * An image cut into segments (superpixels) for image LIME: {@code labels[y * width + x]} is the
 * segment of each pixel, numbered from 0 to {@code count - 1}. {@link #grid} cuts squares;
 * {@link #slic} follows the image's edges (Achanta et al. 2012, scikit-image's {@code slic}).
 */
public record Segmentation(int height, int width, int[] labels, int count) {

    /** Squares of {@code cell}×{@code cell} pixels (smaller at the right and bottom edges). */
    public static Segmentation grid(int height, int width, int cell) {
        if (cell < 1) {
            throw new IllegalArgumentException("segmentation: the cell size must be at least 1, got " + cell);
        }
        int columns = (width + cell - 1) / cell;
        int[] labels = new int[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                labels[y * width + x] = (y / cell) * columns + x / cell;
            }
        }
        return new Segmentation(height, width, labels, columns * ((height + cell - 1) / cell));
    }

    /**
     * SLIC superpixels of {@code image [channels, height, width]} (values near [0, 1]): about
     * {@code segments} clusters seeded on a grid of step {@code S = sqrt(pixels / segments)},
     * refined by k-means over colour and position within {@code 2S} windows for
     * {@code iterations} rounds, with distance {@code ‖Δcolour‖² + (‖Δposition‖ / S)²·compactness²};
     * then each connected piece becomes its own segment and pieces under {@code S²/4} pixels join
     * a neighbour. Larger {@code compactness} gives squarer segments (0.1 suits [0, 1] images).
     */
    public static Segmentation slic(Tensor image, int segments, double compactness, int iterations) {
        if (image.shape().rank() != 3 || segments < 1 || iterations < 1) {
            throw new IllegalArgumentException("SLIC: needs an image [channels, height, width], segments >= 1 and"
                    + " iterations >= 1; got " + image.shape() + ", " + segments + ", " + iterations);
        }
        int channels = image.dim(0);
        int height = image.dim(1);
        int width = image.dim(2);
        float[] pixels = image.toFloatArray();
        int step = Math.max(1, (int) Math.round(Math.sqrt((double) height * width / segments)));
        int rows = Math.max(1, height / step);
        int columns = Math.max(1, width / step);
        int k = rows * columns;
        double[][] centres = new double[k][2 + channels];   // y, x, colour
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int y = Math.min(height - 1, r * step + step / 2);
                int x = Math.min(width - 1, c * step + step / 2);
                double[] centre = centres[r * columns + c];
                centre[0] = y;
                centre[1] = x;
                for (int ch = 0; ch < channels; ch++) {
                    centre[2 + ch] = pixels[(ch * height + y) * width + x];
                }
            }
        }
        int[] labels = new int[height * width];
        double spatial = compactness * compactness / ((double) step * step);
        for (int round = 0; round < iterations; round++) {
            double[] best = new double[height * width];
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int i = 0; i < k; i++) {
                double[] centre = centres[i];
                int cy = (int) Math.round(centre[0]);
                int cx = (int) Math.round(centre[1]);
                for (int y = Math.max(0, cy - 2 * step); y < Math.min(height, cy + 2 * step + 1); y++) {
                    for (int x = Math.max(0, cx - 2 * step); x < Math.min(width, cx + 2 * step + 1); x++) {
                        double colour = 0;
                        for (int ch = 0; ch < channels; ch++) {
                            double d = pixels[(ch * height + y) * width + x] - centre[2 + ch];
                            colour += d * d;
                        }
                        double distance = colour + spatial * ((y - centre[0]) * (y - centre[0])
                                + (x - centre[1]) * (x - centre[1]));
                        if (distance < best[y * width + x]) {
                            best[y * width + x] = distance;
                            labels[y * width + x] = i;
                        }
                    }
                }
            }
            double[][] sums = new double[k][3 + channels];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double[] sum = sums[labels[y * width + x]];
                    sum[0] += y;
                    sum[1] += x;
                    for (int ch = 0; ch < channels; ch++) {
                        sum[2 + ch] += pixels[(ch * height + y) * width + x];
                    }
                    sum[2 + channels]++;
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < 2 + channels && sums[i][2 + channels] > 0; j++) {
                    centres[i][j] = sums[i][j] / sums[i][2 + channels];
                }
            }
        }
        return connected(height, width, labels, Math.max(1, step * step / 4));
    }

    /** Each 4-connected piece of equal labels becomes a segment; pieces under {@code minimum} pixels join the piece before them. */
    private static Segmentation connected(int height, int width, int[] labels, int minimum) {
        int[] out = new int[labels.length];
        Arrays.fill(out, -1);
        int count = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] piece = new int[labels.length];
        for (int start = 0; start < labels.length; start++) {
            if (out[start] >= 0) {
                continue;
            }
            int neighbour = -1;   // a segment already numbered that touches this piece
            int size = 0;
            out[start] = count;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                piece[size++] = p;
                int y = p / width;
                int x = p % width;
                int[] around = {y > 0 ? p - width : -1, y < height - 1 ? p + width : -1, x > 0 ? p - 1 : -1,
                        x < width - 1 ? p + 1 : -1};
                for (int q : around) {
                    if (q < 0) {
                        continue;
                    }
                    if (out[q] < 0 && labels[q] == labels[start]) {
                        out[q] = count;
                        queue.add(q);
                    } else if (out[q] >= 0 && out[q] != count) {
                        neighbour = out[q];
                    }
                }
            }
            if (size < minimum && neighbour >= 0) {
                for (int i = 0; i < size; i++) {
                    out[piece[i]] = neighbour;
                }
            } else {
                count++;
            }
        }
        return new Segmentation(height, width, out, count);
    }

    /** Whether pixel ({@code y}, {@code x}) lies in {@code segment}. */
    public boolean contains(int segment, int y, int x) {
        return labels[y * width + x] == segment;
    }
}
