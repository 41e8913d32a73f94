package dev.nabla.explain;

import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.util.Objects;

/**
 * Integrated gradients (Sundararajan et al. 2017; Captum's {@code IntegratedGradients}): each
 * input value's share of the change in the target's score from a baseline to the input, the
 * gradient integrated along the straight path between them times {@code input − baseline}.
 * The attributions add up to {@code F(input) − F(baseline)} (completeness) up to the
 * quadrature's error, which {@link Result#convergenceDelta} reports per sample; with the
 * default 50 Gauss–Legendre steps it stays within 1 % on the models of the tests.
 * {@code input [n, ...] → [n, ...]}.
 */
public final class IntegratedGradients {

    /** Captum's default number of steps. */
    public static final int DEFAULT_STEPS = 50;

    private final Layer model;
    private int steps = DEFAULT_STEPS;
    private IntegrationRule rule = IntegrationRule.GAUSS_LEGENDRE;

    /** The attributions, and per sample their sum minus {@code F(input) − F(baseline)} (Captum's delta). */
    public record Result(Tensor attributions, float[] convergenceDelta) {
    }

    public IntegratedGradients(Layer model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Gradient evaluations along the path (Captum's {@code n_steps}, default 50). */
    public IntegratedGradients steps(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("integrated gradients: steps must be at least 1, got " + value);
        }
        steps = value;
        return this;
    }

    /** The quadrature rule (Captum's {@code method}, default {@link IntegrationRule#GAUSS_LEGENDRE}). */
    public IntegratedGradients rule(IntegrationRule value) {
        rule = Objects.requireNonNull(value, "rule");
        return this;
    }

    /** Attributions from an all-zero baseline. */
    public Result attribute(Tensor input, int... targets) {
        return attribute(input, Tensor.zeros(input.shape().toArray()), targets);
    }

    /**
     * Attributions of {@code input} relative to {@code baseline} (the same shape, or one sample's
     * shape with a batch of 1, broadcast) for {@code targets}: one class for all, or one per sample.
     */
    public Result attribute(Tensor input, Tensor baseline, int... targets) {
        int[] perSample = Gradients.targets(input.dim(0), targets);
        Tensor start = baseline.expand(input.shape().toArray()).add(0f);
        Tensor difference = input.sub(start);
        double[] alphas = rule.alphas(steps);
        double[] sizes = rule.stepSizes(steps);
        Tensor total = Tensor.zeros(input.shape().toArray());
        for (int i = 0; i < steps; i++) {
            Tensor point = start.add(difference.mul((float) alphas[i]));
            total = total.add(Gradients.ofInput(model, point, perSample).mul((float) sizes[i]));
        }
        Tensor attributions = total.mul(difference);
        return new Result(attributions, delta(attributions, input, start, perSample));
    }

    private float[] delta(Tensor attributions, Tensor input, Tensor start, int[] targets) {
        float[] end = Gradients.scoresOf(model, input, targets);
        float[] begin = Gradients.scoresOf(model, start, targets);
        float[] sums = attributions.reshape(attributions.dim(0), -1).sum(1).toFloatArray();
        float[] delta = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            delta[i] = sums[i] - (end[i] - begin[i]);
        }
        return delta;
    }
}
