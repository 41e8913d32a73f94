package dev.nabla.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al. 2018) with epochs as the budget: brackets of successive halving that
 * trade many configurations on a small budget against few on a large one. With
 * {@code s_max = ⌊log_η(max/min)⌋}, bracket {@code s} (from s_max down to 0) draws
 * {@code ⌈(s_max+1)/(s+1) · η^s⌉} random configurations, trains them for
 * {@code max · η^-s} epochs, keeps the best {@code 1/η}, trains those {@code η} times longer,
 * and so on up to {@code max} epochs. A rung waits for the whole rung below it; while it
 * waits, the next bracket may start.
 */
public record Hyperband(SearchSpace space, int minEpochs, int maxEpochs, int reduction, Direction direction,
                        long seed) implements Search {

    public Hyperband {
        SuccessiveHalving.checkBudget(minEpochs, maxEpochs, reduction);
    }

    /**
     * One rung of one bracket.
     *
     * @param configurations how many configurations it trains
     * @param epochs         for how many epochs each
     */
    public record Rung(int configurations, int epochs) {
    }

    /** The brackets, most aggressive first, each as its rungs. */
    public List<List<Rung>> brackets() {
        int largest = 0;
        while (Math.pow(reduction, largest + 1) * minEpochs <= maxEpochs + 1e-9) {
            largest++;
        }
        List<List<Rung>> brackets = new ArrayList<>();
        for (int s = largest; s >= 0; s--) {
            int count = (int) Math.ceil((largest + 1.0) / (s + 1) * Math.pow(reduction, s));
            List<Rung> rungs = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                int epochs = (int) Math.max(1, Math.round(maxEpochs * Math.pow(reduction, i - s)));
                rungs.add(new Rung(Math.max(1, (int) Math.floor(count * Math.pow(reduction, -i))), epochs));
            }
            brackets.add(rungs);
        }
        return brackets;
    }

    /** How many configurations all brackets draw together. */
    public int configurations() {
        return brackets().stream().mapToInt(b -> b.getFirst().configurations()).sum();
    }

    @Override
    public TrialRequest next(List<Trial> trials) {
        List<List<Rung>> brackets = brackets();
        for (int b = 0; b < brackets.size(); b++) {
            int bracket = b;
            List<Rung> rungs = brackets.get(b);
            List<Trial> first = trials.stream().filter(t -> t.bracket() == bracket && t.rung() == 0).toList();
            if (first.size() < rungs.getFirst().configurations()) {
                int index = Search.configurations(trials);
                return new TrialRequest(index, bracket, 0, rungs.getFirst().epochs(),
                        space.sample(Search.generator(seed, index)));
            }
            for (int i = 1; i < rungs.size(); i++) {
                int rung = i;
                List<Trial> below = new ArrayList<>(trials.stream()
                        .filter(t -> t.bracket() == bracket && t.rung() == rung - 1).toList());
                if (!below.stream().allMatch(Trial::finished)) {
                    break;
                }
                below.sort(Search.bestFirst(direction));
                List<Trial> kept = below.subList(0, Math.min(below.size(), rungs.get(i).configurations()));
                for (Trial candidate : kept) {
                    boolean promoted = trials.stream().anyMatch(t -> t.config() == candidate.config()
                            && t.rung() == rung);
                    if (candidate.scored() && !promoted) {
                        return new TrialRequest(candidate.config(), bracket, rung, rungs.get(i).epochs(),
                                candidate.parameters());
                    }
                }
            }
        }
        return null;
    }
}
