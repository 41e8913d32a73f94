package dev.nabla.tune;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Proposes configurations: at random, on a grid, or from a model of the trials so far
 * ({@link BayesianSampler}, {@link TreeParzenSampler}). A sampler keeps no state: what it
 * proposes depends only on the trials and the random generator it is given, which is what
 * lets a study resume after a crash and propose what it would have proposed.
 */
public interface Sampler {

    /**
     * The configuration numbered {@code index}.
     *
     * @param trials    every trial so far (finished or running)
     * @param direction whether the objective is minimised or maximised
     * @param random    a generator seeded for this configuration
     */
    Map<String, Object> propose(SearchSpace space, int index, List<Trial> trials, Direction direction, Random random);

    /** How many configurations it can propose ({@link Integer#MAX_VALUE} when unbounded). */
    default int capacity(SearchSpace space) {
        return Integer.MAX_VALUE;
    }

    /** Draws every configuration at random. */
    static Sampler random() {
        return (space, index, trials, direction, random) -> space.sample(random);
    }

    /** Walks the grid of every combination, in order. */
    static Sampler grid() {
        return new Sampler() {
            @Override
            public Map<String, Object> propose(SearchSpace space, int index, List<Trial> trials, Direction direction,
                                               Random random) {
                return space.grid().get(index);
            }

            @Override
            public int capacity(SearchSpace space) {
                return space.grid().size();
            }
        };
    }
}
