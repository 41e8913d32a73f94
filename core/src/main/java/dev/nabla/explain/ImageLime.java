package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * LIME for images (Ribeiro et al. 2016; lime's {@code LimeImageExplainer}): the image is cut
 * into segments ({@link Segmentation}, SLIC by default); {@link #samples} random on/off masks
 * over the segments (the first all on) each give an image whose off segments are filled with
 * their own mean colour (lime's {@code hide_color=None}) or with {@link #fill}; the model scores
 * the target class on each; each mask is weighted by the kernel {@code sqrt(exp(-d² / 0.25²))} of
 * its cosine distance {@code d} to the all-on mask; a weighted ridge regression (alpha 1) on
 * the masks gives one weight per segment: how much that segment's presence adds to the score.
 * Seeded: the same seed gives the same weights.
 */
public final class ImageLime {

    private static final int BATCH = 64;

    private final Layer model;
    private int samples = 1000;
    private double kernelWidth = 0.25;
    private Float fill;
    private long seed = 1;

    /** LIME for {@code model}, whose input is {@code [n, channels, height, width]} and output {@code [n, classes]}. */
    public ImageLime(Layer model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Masks drawn (default 1000, lime's {@code num_samples}). */
    public ImageLime samples(int count) {
        if (count < 10) {
            throw new IllegalArgumentException("LIME: samples must be at least 10, got " + count);
        }
        samples = count;
        return this;
    }

    /** The kernel's width on the cosine distance (default 0.25, lime's). */
    public ImageLime kernelWidth(double width) {
        if (!(width > 0)) {
            throw new IllegalArgumentException("LIME: the kernel width must be positive, got " + width);
        }
        kernelWidth = width;
        return this;
    }

    /** Fills switched-off segments with {@code value} (lime's {@code hide_color}) instead of their mean colour. */
    public ImageLime fill(float value) {
        fill = value;
        return this;
    }

    /** The seed of the masks (default 1). */
    public ImageLime seed(long value) {
        seed = value;
        return this;
    }

    /** Explains class {@code target} for {@code image [channels, height, width]} with SLIC's ~50 segments. */
    public LimeExplanation explain(Tensor image, int target) {
        Tensor plain = image.shape().rank() == 4 ? image.reshape(image.dim(1), image.dim(2), image.dim(3)) : image;
        return explain(plain, target, Segmentation.slic(plain, 50, 0.1, 10));
    }

    /** Explains class {@code target} for {@code image [channels, height, width]} (or {@code [1, ...]}) cut into {@code segments}. */
    public LimeExplanation explain(Tensor image, int target, Segmentation segments) {
        Tensor plain = image.shape().rank() == 4 && image.dim(0) == 1
                ? image.reshape(image.dim(1), image.dim(2), image.dim(3)) : image;
        if (plain.shape().rank() != 3 || plain.dim(1) != segments.height() || plain.dim(2) != segments.width()) {
            throw new IllegalArgumentException("LIME: the image must be [channels, " + segments.height() + ", "
                    + segments.width() + "] as its segmentation, got " + image.shape());
        }
        int channels = plain.dim(0);
        int plane = segments.height() * segments.width();
        float[] pixels = plain.toFloatArray();
        float[] hidden = hiddenImage(pixels, channels, segments);
        int count = segments.count();
        Generator generator = new Generator(seed);
        double[][] masks = new double[samples][count];
        double[] kernel = new double[samples];
        for (int i = 0; i < samples; i++) {
            int on = 0;
            for (int s = 0; s < count; s++) {
                masks[i][s] = i == 0 || generator.nextInt(2) == 1 ? 1 : 0;
                on += (int) masks[i][s];
            }
            double cosine = on == 0 ? 1 : 1 - on / Math.sqrt((double) on * count);
            kernel[i] = Math.sqrt(Math.exp(-cosine * cosine / (kernelWidth * kernelWidth)));
        }
        double[] scores = new double[samples];
        for (int first = 0; first < samples; first += BATCH) {
            int n = Math.min(BATCH, samples - first);
            float[] batch = new float[n * channels * plane];
            for (int b = 0; b < n; b++) {
                double[] mask = masks[first + b];
                for (int ch = 0; ch < channels; ch++) {
                    for (int p = 0; p < plane; p++) {
                        int at = ch * plane + p;
                        batch[b * channels * plane + at] = mask[segments.labels()[p]] == 1 ? pixels[at] : hidden[at];
                    }
                }
            }
            float[] batchScores = Gradients.scoresOf(model, Tensor.of(batch, n, channels, segments.height(),
                    segments.width()), Gradients.targets(n, new int[] {target}));
            for (int b = 0; b < n; b++) {
                scores[first + b] = batchScores[b];
            }
        }
        WeightedRidge.Fit fit = WeightedRidge.fit(masks, scores, kernel, 1);
        List<String> names = IntStream.range(0, count).mapToObj(s -> "segment " + s).toList();
        return new LimeExplanation(names, fit.coefficients(), fit.intercept(), fit.score());
    }

    /** One value per pixel, {@code [height, width]}: the weight of the pixel's segment (for an overlay). */
    public static Tensor heatmap(LimeExplanation explanation, Segmentation segments) {
        float[] map = new float[segments.height() * segments.width()];
        for (int p = 0; p < map.length; p++) {
            map[p] = (float) explanation.weights()[segments.labels()[p]];
        }
        return Tensor.of(map, segments.height(), segments.width());
    }

    /** The image with every segment replaced: by {@link #fill}, else by the segment's mean colour. */
    private float[] hiddenImage(float[] pixels, int channels, Segmentation segments) {
        int plane = segments.height() * segments.width();
        float[] hidden = new float[pixels.length];
        if (fill != null) {
            java.util.Arrays.fill(hidden, fill);
            return hidden;
        }
        double[] sums = new double[segments.count() * channels];
        int[] sizes = new int[segments.count()];
        for (int p = 0; p < plane; p++) {
            int s = segments.labels()[p];
            sizes[s]++;
            for (int ch = 0; ch < channels; ch++) {
                sums[s * channels + ch] += pixels[ch * plane + p];
            }
        }
        for (int p = 0; p < plane; p++) {
            int s = segments.labels()[p];
            for (int ch = 0; ch < channels; ch++) {
                hidden[ch * plane + p] = (float) (sums[s * channels + ch] / sizes[s]);
            }
        }
        return hidden;
    }
}
