package dev.nabla.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020) with epochs as the budget. Rung k
 * trains for {@code minEpochs · reduction^k} epochs, up to {@code maxEpochs}. Whenever a
 * worker is free, the best {@code 1/reduction} of the trials finished on a rung that have not
 * gone up yet are promoted to the next rung (highest rungs first), each retrained from scratch
 * with the larger budget; when none can be, a new random configuration starts on rung 0,
 * until {@code configurations} have been drawn.
 */
public record SuccessiveHalving(SearchSpace space, int configurations, int minEpochs, int maxEpochs, int reduction,
                                Direction direction, long seed) implements Search {

    public SuccessiveHalving {
        checkBudget(minEpochs, maxEpochs, reduction);
        if (configurations < 1) {
            throw new IllegalArgumentException("successive halving needs at least 1 configuration, got "
                    + configurations);
        }
    }

    /** Checks a budget's settings. */
    static void checkBudget(int minEpochs, int maxEpochs, int reduction) {
        if (minEpochs < 1 || maxEpochs < minEpochs) {
            throw new IllegalArgumentException("the budget needs 1 <= min_epochs <= max_epochs, got min_epochs "
                    + minEpochs + ", max_epochs " + maxEpochs);
        }
        if (reduction < 2) {
            throw new IllegalArgumentException("the reduction factor must be at least 2, got " + reduction);
        }
    }

    /** Each rung's epochs: min, min·η, min·η², … while below max, then max. */
    public List<Integer> rungEpochs() {
        return rungs(minEpochs, maxEpochs, reduction);
    }

    static List<Integer> rungs(int minEpochs, int maxEpochs, int reduction) {
        List<Integer> epochs = new ArrayList<>();
        long e = minEpochs;
        while (e < maxEpochs) {
            epochs.add((int) e);
            e *= reduction;
        }
        epochs.add(maxEpochs);
        return epochs;
    }

    @Override
    public TrialRequest next(List<Trial> trials) {
        List<Integer> rungs = rungEpochs();
        for (int k = rungs.size() - 2; k >= 0; k--) {
            int rung = k;
            List<Trial> finished = new ArrayList<>(trials.stream().filter(t -> t.rung() == rung && t.finished())
                    .toList());
            finished.sort(Search.bestFirst(direction));
            int promotable = finished.size() / reduction;
            for (int i = 0; i < promotable; i++) {
                Trial candidate = finished.get(i);
                boolean promoted = trials.stream().anyMatch(t -> t.config() == candidate.config() && t.rung() > rung);
                if (candidate.scored() && !promoted) {
                    return new TrialRequest(candidate.config(), 0, rung + 1, rungs.get(rung + 1),
                            candidate.parameters());
                }
            }
        }
        int index = Search.configurations(trials);
        if (index >= configurations) {
            return null;
        }
        return new TrialRequest(index, 0, 0, rungs.getFirst(), space.sample(Search.generator(seed, index)));
    }
}
