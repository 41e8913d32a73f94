package dev.nabla.tune;

import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Decides which trial a study runs next. A search keeps no state of its own: it reads the
 * trials so far (finished and running), so a study saved after every trial resumes where it
 * stopped and, run one trial at a time, proposes exactly what it would have proposed.
 */
public interface Search {

    /** The next trial to start, or null when none can start until a running trial finishes (or none is left). */
    TrialRequest next(List<Trial> trials);

    /** The search space. */
    SearchSpace space();

    /** Whether the study is over: nothing left to start and nothing running. */
    default boolean finished(List<Trial> trials) {
        return trials.stream().allMatch(Trial::finished) && next(trials) == null;
    }

    /** The generator for configuration {@code index} of a study seeded with {@code seed}. */
    static Random generator(long seed, int index) {
        long mixed = (seed + 0x9E3779B97F4A7C15L * (index + 1L)) * 0xBF58476D1CE4E5B9L;
        return new Random(mixed ^ (mixed >>> 31));
    }

    /** How many distinct configurations the trials hold. */
    static int configurations(List<Trial> trials) {
        return (int) trials.stream().mapToInt(Trial::config).distinct().count();
    }

    /** Finished trials best first (failed last), ties by number. */
    static Comparator<Trial> bestFirst(Direction direction) {
        return Comparator.<Trial>comparingDouble(t -> direction.loss(t.scored() ? t.objective() : Double.NaN))
                .thenComparingInt(Trial::number);
    }

    /**
     * A fixed number of configurations from a sampler, each trained with the same budget: random
     * search, grid search (as many trials as the grid holds, at most), Bayesian optimisation, TPE.
     *
     * @param epochs the epochs each trial trains (0: as the experiment says)
     */
    static SampledSearch sampled(SearchSpace space, Sampler sampler, int trials, int epochs, Direction direction, long seed) {
        return new SampledSearch(space, sampler, trials, epochs, direction, seed);
    }

    /** Searches that only sample, each trial at full budget. */
    record SampledSearch(SearchSpace space, Sampler sampler, int trials, int epochs, Direction direction, long seed)
            implements Search {

        public SampledSearch {
            if (trials < 1) {
                throw new IllegalArgumentException("a search needs at least 1 trial, got " + trials);
            }
        }

        @Override
        public TrialRequest next(List<Trial> done) {
            int index = Search.configurations(done);
            if (index >= Math.min(trials, sampler.capacity(space))) {
                return null;
            }
            return new TrialRequest(index, 0, 0, epochs,
                    sampler.propose(space, index, done, direction, Search.generator(seed, index)));
        }
    }
}
