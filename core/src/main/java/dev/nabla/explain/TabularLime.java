package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * LIME for tabular rows (Ribeiro et al. 2016; lime's {@code LimeTabularExplainer} with
 * continuous features, {@code discretize_continuous=False, sample_around_instance=True}): draws
 * {@link #samples} rows around the instance, each feature perturbed by Gaussian noise scaled by
 * its standard deviation in the training data (the first row is the instance itself), asks the
 * model for the target class's score of each, weights each row by the exponential kernel
 * {@code sqrt(exp(-d² / width²))} of its distance {@code d} to the instance in standardised units
 * (width {@code 0.75·sqrt(features)} by default), and fits a weighted ridge regression
 * ({@code alpha} 1) on the standardised rows. A weight is the change of the score per standard
 * deviation of that feature, near this instance. Seeded: the same seed gives the same weights.
 */
public final class TabularLime {

    private final Layer model;
    private final double[] mean;
    private final double[] scale;
    private List<String> featureNames;
    private int samples = 5000;
    private double kernelWidth;
    private double alpha = 1;
    private long seed = 1;

    /** LIME for {@code model}, whose output is {@code [rows, classes]}, with statistics of {@code training [rows, features]}. */
    public TabularLime(Layer model, Tensor training) {
        this.model = Objects.requireNonNull(model, "model");
        if (training.shape().rank() != 2 || training.dim(0) < 2) {
            throw new IllegalArgumentException("LIME: the training data must be [rows, features] with at least two rows,"
                    + " got " + training.shape());
        }
        int rows = training.dim(0);
        int features = training.dim(1);
        float[] values = training.toFloatArray();
        mean = new double[features];
        scale = new double[features];
        for (int j = 0; j < features; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < rows; i++) {
                sum += values[i * features + j];
                squares += (double) values[i * features + j] * values[i * features + j];
            }
            mean[j] = sum / rows;
            double std = Math.sqrt(Math.max(0, squares / rows - mean[j] * mean[j]));
            scale[j] = std > 0 ? std : 1;   // a constant column: lime's scaler leaves it unscaled
        }
        kernelWidth = 0.75 * Math.sqrt(features);
        featureNames = IntStream.range(0, features).mapToObj(j -> "x" + j).toList();
    }

    /** The columns' names, for {@link LimeExplanation#top}. */
    public TabularLime featureNames(List<String> names) {
        if (names.size() != mean.length) {
            throw new IllegalArgumentException("LIME: " + mean.length + " features need " + mean.length
                    + " names, got " + names.size());
        }
        featureNames = List.copyOf(names);
        return this;
    }

    /** Perturbed rows drawn (default 5000, lime's {@code num_samples}). */
    public TabularLime samples(int count) {
        if (count < 10) {
            throw new IllegalArgumentException("LIME: samples must be at least 10, got " + count);
        }
        samples = count;
        return this;
    }

    /** The kernel's width in standardised units (default {@code 0.75·sqrt(features)}). */
    public TabularLime kernelWidth(double width) {
        if (!(width > 0)) {
            throw new IllegalArgumentException("LIME: the kernel width must be positive, got " + width);
        }
        kernelWidth = width;
        return this;
    }

    /** The ridge penalty of the surrogate (default 1, lime's). */
    public TabularLime alpha(double value) {
        alpha = value;
        return this;
    }

    /** The seed of the perturbations (default 1). */
    public TabularLime seed(long value) {
        seed = value;
        return this;
    }

    /** Explains the model's score of class {@code target} at {@code row} ({@code [features]} or {@code [1, features]}). */
    public LimeExplanation explain(Tensor row, int target) {
        int features = mean.length;
        float[] instance = row.toFloatArray();
        if (instance.length != features) {
            throw new IllegalArgumentException("LIME: the row has " + instance.length + " values; the training data has "
                    + features + " features");
        }
        Generator generator = new Generator(seed);
        float[] perturbed = new float[samples * features];
        double[][] standardised = new double[samples][features];
        double[] kernel = new double[samples];
        for (int i = 0; i < samples; i++) {
            double squared = 0;
            for (int j = 0; j < features; j++) {
                double noise = i == 0 ? 0 : generator.nextGaussian() * scale[j];
                perturbed[i * features + j] = (float) (instance[j] + noise);
                standardised[i][j] = (perturbed[i * features + j] - mean[j]) / scale[j];
                squared += (noise / scale[j]) * (noise / scale[j]);
            }
            kernel[i] = Math.sqrt(Math.exp(-squared / (kernelWidth * kernelWidth)));
        }
        float[] scores = Gradients.scoresOf(model, Tensor.of(perturbed, samples, features),
                Gradients.targets(samples, new int[] {target}));
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = scores[i];
        }
        WeightedRidge.Fit fit = WeightedRidge.fit(standardised, y, kernel, alpha);
        return new LimeExplanation(new ArrayList<>(featureNames), fit.coefficients(), fit.intercept(), fit.score());
    }
}
