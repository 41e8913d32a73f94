package dev.nabla.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetSearchTest {

    private static final SearchSpace SPACE = SearchSpace.builder().floatRange("quality", 0, 1).build();

    /** A "training run": better with quality and with epochs; the final value after the epochs. */
    private static final Objective LEARNING = (parameters, epochs, progress) -> {
        double quality = (Double) parameters.get("quality");
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            loss = 1 - quality + 1.0 / epoch;
            if (progress.report(loss)) {
                break;
            }
        }
        return loss;
    };

    @Test
    void hyperbandBracketsFollowTheFormula() {
        Hyperband hyperband = new Hyperband(SPACE, 1, 9, 3, Direction.MINIMIZE, 1);
        assertEquals(List.of(
                List.of(new Hyperband.Rung(9, 1), new Hyperband.Rung(3, 3), new Hyperband.Rung(1, 9)),
                List.of(new Hyperband.Rung(5, 3), new Hyperband.Rung(1, 9)),
                List.of(new Hyperband.Rung(3, 9))), hyperband.brackets());
        assertEquals(17, hyperband.configurations());
    }

    @Test
    void hyperbandRunsEveryRungAndPromotesTheBest() throws IOException {
        Hyperband hyperband = new Hyperband(SPACE, 1, 9, 3, Direction.MINIMIZE, 5);
        Study study = new Study(hyperband, Direction.MINIMIZE);
        List<Trial> trials = study.optimize(LEARNING);

        assertEquals(9 + 3 + 1 + 5 + 1 + 3, trials.size());
        assertEquals(17, Search.configurations(trials));
        List<Trial> firstRung = trials.stream().filter(t -> t.bracket() == 0 && t.rung() == 0).toList();
        List<Trial> secondRung = trials.stream().filter(t -> t.bracket() == 0 && t.rung() == 1).toList();
        List<Integer> bestThree = firstRung.stream().sorted(Search.bestFirst(Direction.MINIMIZE)).limit(3)
                .map(Trial::config).sorted().toList();
        assertEquals(bestThree, secondRung.stream().map(Trial::config).sorted().toList());
        assertTrue(secondRung.stream().allMatch(t -> t.epochs() == 3));
        assertEquals(9, study.best().orElseThrow().epochs(), "the best is judged on the full budget");
    }

    @Test
    void successiveHalvingPromotesAsSoonAsATrialIsInTheTopThird() throws IOException {
        SuccessiveHalving asha = new SuccessiveHalving(SPACE, 12, 1, 9, 3, Direction.MINIMIZE, 2);
        assertEquals(List.of(1, 3, 9), asha.rungEpochs());
        Study study = new Study(asha, Direction.MINIMIZE);
        List<Trial> trials = study.optimize(LEARNING);

        assertEquals(12, Search.configurations(trials));
        long promotedOnce = trials.stream().filter(t -> t.rung() == 1).count();
        long promotedTwice = trials.stream().filter(t -> t.rung() == 2).count();
        // Asynchronous: a trial goes up when it is in the top third of those finished so far, so
        // early promotions may add to the synchronous 12 / 3 and 4 / 3.
        assertTrue(promotedOnce >= 12 / 3 && promotedOnce < 12, "promoted to 3 epochs: " + promotedOnce);
        assertTrue(promotedTwice >= 1 && promotedTwice < promotedOnce, "promoted to 9 epochs: " + promotedTwice);
        for (Trial trial : trials.stream().filter(t -> t.rung() > 0).toList()) {
            assertTrue(trials.stream().anyMatch(t -> t.config() == trial.config() && t.rung() == trial.rung() - 1
                    && t.number() < trial.number()), "promoted from the rung below: " + trial);
        }
        int epochs = trials.stream().mapToInt(Trial::epochsUsed).sum();
        assertTrue(epochs < 12 * 9 / 2, "less than half the epochs of training all 12 for 9 epochs: " + epochs);
        double bestQuality = trials.stream().mapToDouble(t -> (Double) t.parameters().get("quality")).max()
                .orElseThrow();
        assertEquals(bestQuality, (Double) study.best().orElseThrow().parameters().get("quality"), 0,
                "with a monotone objective the best configuration survives every rung");
    }

    @Test
    void medianStoppingEndsTrialsWorseThanTheMedianOfThoseBefore() throws IOException {
        Study study = new Study(Search.sampled(SPACE, Sampler.random(), 20, 10, Direction.MINIMIZE, 3))
                .stopping(new MedianStoppingRule(Direction.MINIMIZE, 1, 3));
        List<Trial> trials = study.optimize(LEARNING);

        List<Trial> stopped = trials.stream().filter(t -> t.status() == Trial.Status.STOPPED).toList();
        assertTrue(stopped.size() >= 5, "stopped " + stopped.size());
        assertTrue(stopped.stream().allMatch(t -> t.epochsUsed() >= 2 && t.epochsUsed() < 10),
                "stopped after the grace epoch, before the end");
        int epochs = trials.stream().mapToInt(Trial::epochsUsed).sum();
        assertTrue(epochs < 20 * 10, "epochs " + epochs);
        Trial best = study.best().orElseThrow();
        assertEquals(Trial.Status.COMPLETE, best.status());
    }

    @Test
    void theRuleComparesBestValuesSoFarWithTheMedianAtTheSameEpoch() {
        MedianStoppingRule rule = new MedianStoppingRule(Direction.MAXIMIZE, 0, 3);
        List<List<Double>> others = List.of(List.of(0.5, 0.6), List.of(0.7, 0.8), List.of(0.9, 0.95), List.of(0.1));
        assertTrue(rule.shouldStop(List.of(0.55), others), "below the median 0.6 of 0.5, 0.7, 0.9, 0.1");
        assertFalse(rule.shouldStop(List.of(0.65), others));
        assertTrue(rule.shouldStop(List.of(0.75, 0.7), others), "best 0.75 below the median 0.8 of 0.6, 0.8, 0.95");
        assertFalse(rule.shouldStop(List.of(0.9, 0.7), others));
        assertFalse(rule.shouldStop(List.of(0.1, 0.1, 0.1), others), "no one else has reached epoch 3");
        assertFalse(new MedianStoppingRule(Direction.MAXIMIZE, 1, 3).shouldStop(List.of(0.1), others), "grace");
    }

    @Test
    void failedTrialsAreRecordedAndTheStudyGoesOn() throws IOException {
        Study study = new Study(Search.sampled(SPACE, Sampler.random(), 6, 0, Direction.MINIMIZE, 1));
        List<Trial> trials = study.optimize((parameters, epochs, progress) -> {
            double q = (Double) parameters.get("quality");
            if (q < 0.3) {
                throw new IllegalStateException("diverged at quality " + q);
            }
            return q > 0.8 ? Double.NaN : q;
        });
        assertEquals(6, trials.size());
        for (Trial trial : trials) {
            double q = (Double) trial.parameters().get("quality");
            Trial.Status expected = q < 0.3 || q > 0.8 ? Trial.Status.FAILED : Trial.Status.COMPLETE;
            assertEquals(expected, trial.status(), trial.toString());
        }
        assertTrue(trials.stream().anyMatch(t -> t.message().contains("IllegalStateException: diverged")));
        assertTrue(trials.stream().anyMatch(t -> t.message().equals("the objective is NaN")));
        assertTrue(study.best().orElseThrow().objective() <= 0.8);
    }
}
