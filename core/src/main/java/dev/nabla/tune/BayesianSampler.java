package dev.nabla.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bayesian optimisation: after a few random configurations, models the objective with a
 * {@link GaussianProcess} (Matérn 5/2, hyperparameters by marginal likelihood) over the unit
 * cube of the {@link SearchSpace} and proposes the configuration of largest expected
 * improvement. Integers and choices are handled by moving every candidate onto the nearest
 * configuration before the model scores it (rounding; a choice's one-hot coordinates), so the
 * model never spends its proposals between two integers. A failed trial counts as the worst
 * objective seen, which steers the search away from where trials crash.
 */
public final class BayesianSampler implements Sampler {

    private static final int RANDOM_CANDIDATES = 1000;
    private static final int LOCAL_CANDIDATES = 60;
    private static final int REFINEMENT_STEPS = 150;
    private static final double[] LOCAL_SCALES = {0.2, 0.05, 0.01};

    private final int randomStart;

    /** The first {@code randomStart} configurations drawn at random, then guided by the model. */
    public BayesianSampler(int randomStart) {
        if (randomStart < 1) {
            throw new IllegalArgumentException("Bayesian optimisation needs at least 1 random start, got " + randomStart);
        }
        this.randomStart = randomStart;
    }

    @Override
    public Map<String, Object> propose(SearchSpace space, int index, List<Trial> trials, Direction direction,
                                       Random random) {
        List<Trial> finished = trials.stream().filter(Trial::finished).toList();
        double worst = finished.stream().filter(Trial::scored).mapToDouble(t -> direction.loss(t.objective()))
                .max().orElse(Double.NaN);
        if (finished.size() < randomStart || Double.isNaN(worst) || space.dimensions() == 0) {
            return space.sample(random);
        }
        double[][] x = new double[finished.size()][];
        double[] y = new double[finished.size()];
        for (int i = 0; i < finished.size(); i++) {
            Trial trial = finished.get(i);
            x[i] = space.encode(trial.parameters());
            y[i] = trial.scored() ? direction.loss(trial.objective()) : worst;
        }
        GaussianProcess model = GaussianProcess.fit(x, y);
        double best = Double.POSITIVE_INFINITY;
        for (double v : y) {
            best = Math.min(best, v);
        }
        final double incumbent = best;
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < RANDOM_CANDIDATES; i++) {
            candidates.add(space.snap(uniform(space.dimensions(), random)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> y[i]));
        for (int rank = 0; rank < Math.min(5, order.size()); rank++) {
            for (double scale : LOCAL_SCALES) {
                for (int i = 0; i < LOCAL_CANDIDATES / LOCAL_SCALES.length; i++) {
                    candidates.add(space.snap(perturbed(x[order.get(rank)], scale, random)));
                }
            }
        }
        double[] chosen = null;
        double chosenValue = -1;
        for (double[] candidate : candidates) {
            double value = expectedImprovement(model, candidate, incumbent);
            if (value > chosenValue) {
                chosenValue = value;
                chosen = candidate;
            }
        }
        double scale = 0.05;
        for (int step = 0; step < REFINEMENT_STEPS; step++) {
            double[] candidate = space.snap(perturbed(chosen, scale, random));
            double value = expectedImprovement(model, candidate, incumbent);
            if (value > chosenValue) {
                chosenValue = value;
                chosen = candidate;
            } else {
                scale = Math.max(1e-4, scale * 0.93);
            }
        }
        return chosenValue > 0 ? space.decode(chosen) : space.sample(random);
    }

    /** E[max(incumbent - f(x), 0)] under the model (the objective as a loss). */
    static double expectedImprovement(GaussianProcess model, double[] point, double incumbent) {
        double[] prediction = model.predict(point);
        double sd = prediction[1];
        double gain = incumbent - prediction[0];
        if (sd < 1e-12) {
            return Math.max(gain, 0);
        }
        double z = gain / sd;
        return gain * Normal.cumulative(z) + sd * Normal.density(z);
    }

    private static double[] uniform(int dimensions, Random random) {
        double[] u = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            u[d] = random.nextDouble();
        }
        return u;
    }

    private static double[] perturbed(double[] point, double scale, Random random) {
        double[] u = new double[point.length];
        for (int d = 0; d < point.length; d++) {
            u[d] = Math.min(1, Math.max(0, point[d] + scale * random.nextGaussian()));
        }
        return u;
    }
}
