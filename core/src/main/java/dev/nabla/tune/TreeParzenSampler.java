package dev.nabla.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011), in its multivariate form:
 * after a few random configurations, splits the trials into the best few ({@code ceil(0.1 n)},
 * at most 25) and the rest, models each group with a Parzen density over the unit cube of
 * the {@link SearchSpace} (a product of truncated Gaussians per coordinate around each
 * trial, each as wide as the larger gap to its neighbours, plus a uniform prior component), draws candidates from the good
 * density and proposes the one with the largest ratio good / bad. A choice's coordinates
 * are one-hot, so its candidates are drawn as categories: the trial's option with
 * probability 1 − ε, any option otherwise. Failed trials join the bad group.
 */
public final class TreeParzenSampler implements Sampler {

    private static final int CANDIDATES = 24;
    private static final double CATEGORY_SMOOTHING = 0.2;
    private static final double MIN_BANDWIDTH = 0.002;
    private static final double MAX_BANDWIDTH = 0.5;

    private final int randomStart;

    /** The first {@code randomStart} configurations drawn at random, then guided by the densities. */
    public TreeParzenSampler(int randomStart) {
        if (randomStart < 1) {
            throw new IllegalArgumentException("TPE needs at least 1 random start, got " + randomStart);
        }
        this.randomStart = randomStart;
    }

    @Override
    public Map<String, Object> propose(SearchSpace space, int index, List<Trial> trials, Direction direction,
                                       Random random) {
        List<Trial> finished = new ArrayList<>(trials.stream().filter(Trial::finished).toList());
        if (finished.size() < randomStart || space.dimensions() == 0) {
            return space.sample(random);
        }
        finished.sort(Comparator.comparingDouble(t -> direction.loss(t.scored() ? t.objective() : Double.NaN)));
        int goodCount = Math.max(1, Math.min(25, (int) Math.ceil(0.1 * finished.size())));
        List<double[]> good = new ArrayList<>();
        List<double[]> bad = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            Trial trial = finished.get(i);
            (i < goodCount && trial.scored() ? good : bad).add(space.encode(trial.parameters()));
        }
        if (good.isEmpty()) {
            return space.sample(random);
        }
        Parzen goodDensity = new Parzen(space, good);
        Parzen badDensity = new Parzen(space, bad);
        double[] chosen = null;
        double chosenScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < CANDIDATES; i++) {
            double[] candidate = space.snap(goodDensity.sample(random));
            double score = goodDensity.logDensity(candidate) - badDensity.logDensity(candidate);
            if (score > chosenScore) {
                chosenScore = score;
                chosen = candidate;
            }
        }
        return space.decode(chosen);
    }

    /** A mixture with one component per point (weight 1 each) and a uniform prior (weight 1). */
    private static final class Parzen {

        private final SearchSpace space;
        private final List<double[]> points;
        /** Each point's bandwidth along each coordinate. */
        private final double[][] bandwidths;

        Parzen(SearchSpace space, List<double[]> points) {
            this.space = space;
            this.points = points;
            this.bandwidths = new double[points.size()][space.dimensions()];
            for (int d = 0; d < space.dimensions(); d++) {
                neighbourGaps(d);
            }
        }

        /** Hyperopt's rule: a point's bandwidth is the larger gap to its neighbours (the cube's ends included). */
        private void neighbourGaps(int d) {
            int n = points.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> points.get(i)[d]));
            for (int k = 0; k < n; k++) {
                double here = points.get(order[k])[d];
                double left = k == 0 ? here : here - points.get(order[k - 1])[d];
                double right = k == n - 1 ? 1 - here : points.get(order[k + 1])[d] - here;
                bandwidths[order[k]][d] = Math.min(MAX_BANDWIDTH, Math.max(MIN_BANDWIDTH, Math.max(left, right)));
            }
        }

        double[] sample(Random random) {
            int component = random.nextInt(points.size() + 1);
            double[] u = new double[space.dimensions()];
            if (component == points.size()) {
                for (int d = 0; d < u.length; d++) {
                    u[d] = random.nextDouble();
                }
                return u;
            }
            double[] center = points.get(component);
            double[] bandwidth = bandwidths[component];
            for (SearchSpace.Entry entry : space.entries()) {
                int offset = entry.offset();
                if (entry.parameter() instanceof Parameter.Choice choice) {
                    int size = choice.values().size();
                    int category = random.nextDouble() < CATEGORY_SMOOTHING ? random.nextInt(size) : argmax(center,
                            offset, size);
                    u[offset + category] = 1;
                } else if (entry.parameter().dimensions() == 1) {
                    double value;
                    int attempts = 0;
                    do {
                        value = center[offset] + bandwidth[offset] * random.nextGaussian();
                    } while ((value < 0 || value > 1) && ++attempts < 20);
                    u[offset] = Math.min(1, Math.max(0, value));
                }
            }
            return u;
        }

        double logDensity(double[] point) {
            double total = 1.0; // the uniform prior's density is 1 everywhere on the cube
            for (int p = 0; p < points.size(); p++) {
                double[] center = points.get(p);
                double product = 1;
                for (SearchSpace.Entry entry : space.entries()) {
                    int offset = entry.offset();
                    if (entry.parameter() instanceof Parameter.Choice choice) {
                        int size = choice.values().size();
                        boolean same = argmax(point, offset, size) == argmax(center, offset, size);
                        product *= (same ? 1 - CATEGORY_SMOOTHING : 0) + CATEGORY_SMOOTHING / size;
                        product *= size; // relative to the uniform prior's 1 / size
                    } else if (entry.parameter().dimensions() == 1) {
                        double h = bandwidths[p][offset];
                        double mass = Normal.cumulative((1 - center[offset]) / h) - Normal.cumulative(-center[offset] / h);
                        product *= Normal.density((point[offset] - center[offset]) / h) / (h * Math.max(mass, 1e-12));
                    }
                }
                total += product;
            }
            return Math.log(total / (points.size() + 1));
        }

        private static int argmax(double[] u, int offset, int size) {
            int best = 0;
            for (int i = 1; i < size; i++) {
                if (u[offset + i] > u[offset + best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}
