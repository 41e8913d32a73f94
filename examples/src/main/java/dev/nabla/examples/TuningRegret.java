package dev.nabla.examples;

import dev.nabla.tune.BayesianSampler;
import dev.nabla.tune.Direction;
import dev.nabla.tune.Sampler;
import dev.nabla.tune.Search;
import dev.nabla.tune.SearchSpace;
import dev.nabla.tune.Study;
import dev.nabla.tune.TestFunctions;
import dev.nabla.tune.Trial;
import dev.nabla.tune.TreeParzenSampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The searches on standard test functions (Branin, Hartmann-6): for each search and seed,
 * the simple regret (best found minus the known minimum) after each evaluation; prints the
 * median regret over the seeds after n evaluations, and the median number of evaluations
 * each search needs to come within 1% of the minimum (docs/tuning.md).
 *
 * <pre>
 * java ... dev.nabla.examples.TuningRegret branin|hartmann6 SEEDS RANDOM_EVALUATIONS BAYES_EVALUATIONS TPE_EVALUATIONS
 * </pre>
 */
public final class TuningRegret {

    private TuningRegret() {
    }

    public static void main(String[] args) throws IOException {
        String function = args.length > 0 ? args[0] : "branin";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int randomEvaluations = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int bayesEvaluations = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int tpeEvaluations = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        boolean branin = function.equals("branin");
        SearchSpace space = branin ? TestFunctions.braninSpace() : TestFunctions.hartmann6Space();
        ToDoubleFunction<Map<String, Object>> f = branin ? TestFunctions::branin : TestFunctions::hartmann6;
        double minimum = branin ? TestFunctions.BRANIN_MINIMUM : TestFunctions.HARTMANN6_MINIMUM;
        List<String> names = List.of("random", "bayes", "tpe");
        int[] checkpoints = {10, 25, 50, 100, 200, 500, 1000, 2000};
        System.out.printf(Locale.ROOT, "%s, %d seeds: median regret after n evaluations%n", function, seeds);
        StringBuilder header = new StringBuilder("| search |");
        for (int n : checkpoints) {
            header.append(" n=").append(n).append(" |");
        }
        System.out.println(header + " evaluations to within 1% (median) |");
        for (String name : names) {
            int evaluations = switch (name) {
                case "random" -> randomEvaluations;
                case "bayes" -> bayesEvaluations;
                default -> tpeEvaluations;
            };
            List<double[]> curves = new ArrayList<>();
            double[] reached = new double[seeds];
            for (int seed = 1; seed <= seeds; seed++) {
                Sampler sampler = switch (name) {
                    case "random" -> Sampler.random();
                    case "bayes" -> new BayesianSampler(2 * space.dimensions() + 1);
                    default -> new TreeParzenSampler(2 * space.dimensions() + 1);
                };
                Study study = new Study(Search.sampled(space, sampler, evaluations, 0, Direction.MINIMIZE, seed));
                List<Trial> trials = study.optimize((parameters, epochs, progress) -> f.applyAsDouble(parameters));
                double[] regret = new double[evaluations];
                double best = Double.POSITIVE_INFINITY;
                reached[seed - 1] = Double.POSITIVE_INFINITY;
                for (int i = 0; i < evaluations; i++) {
                    best = Math.min(best, trials.get(i).objective());
                    regret[i] = best - minimum;
                    if (regret[i] <= 0.01 * Math.abs(minimum) && reached[seed - 1] == Double.POSITIVE_INFINITY) {
                        reached[seed - 1] = i + 1;
                    }
                }
                curves.add(regret);
            }
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (int n : checkpoints) {
                if (n > evaluations) {
                    row.append(" |");
                    continue;
                }
                double[] atN = curves.stream().mapToDouble(c -> c[n - 1]).toArray();
                row.append(String.format(Locale.ROOT, " %.4g |", median(atN)));
            }
            double medianReached = median(reached);
            row.append(Double.isInfinite(medianReached) ? " > " + evaluations : String.format(Locale.ROOT, " %.0f",
                    medianReached)).append(" |");
            System.out.println(row);
            System.out.flush();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
