package dev.nabla.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** The best Branin value a search finds in {@code evaluations}, for seeds 1 to 3 (the worst of them). */
    private static double worstBest(Sampler sampler, int evaluations) throws IOException {
        double worst = Double.NEGATIVE_INFINITY;
        for (int seed = 1; seed <= 3; seed++) {
            Study study = new Study(Search.sampled(TestFunctions.braninSpace(), sampler, evaluations, 0,
                    Direction.MINIMIZE, seed));
            study.optimize((parameters, epochs, progress) -> TestFunctions.branin(parameters));
            worst = Math.max(worst, study.best().orElseThrow().objective());
        }
        return worst;
    }

    @Test
    void bayesianOptimisationFindsBraninsMinimumWhereRandomSearchDoesNot() throws IOException {
        double bayes = worstBest(new BayesianSampler(5), 30);
        double random = worstBest(Sampler.random(), 30);
        assertTrue(bayes < TestFunctions.BRANIN_MINIMUM * 1.05, "Bayesian optimisation: " + bayes);
        assertTrue(bayes < random, "Bayesian " + bayes + " against random " + random);
    }

    @Test
    void treeParzenBeatsRandomSearchOnBranin() throws IOException {
        double tpe = worstBest(new TreeParzenSampler(10), 80);
        double random = worstBest(Sampler.random(), 80);
        assertTrue(tpe < random, "TPE " + tpe + " against random " + random);
        assertTrue(tpe < 0.6, "TPE " + tpe);
    }

    @Test
    void modelBasedSamplersProposeValidIntegersAndChoices() throws IOException {
        SearchSpace space = SearchSpace.builder().intRange("n", 1, 20).choice("kind", "a", "b", "c")
                .floatRange("x", -1, 1).build();
        Objective objective = (p, epochs, progress) -> Math.abs((Integer) p.get("n") - 13)
                + (p.get("kind").equals("b") ? 0 : 5) + Math.pow((Double) p.get("x") - 0.25, 2);
        for (Sampler sampler : List.of(new BayesianSampler(5), new TreeParzenSampler(5))) {
            Study study = new Study(Search.sampled(space, sampler, 40, 0, Direction.MINIMIZE, 7));
            for (Trial trial : study.optimize(objective)) {
                assertTrue(trial.parameters().get("n") instanceof Integer n && n >= 1 && n <= 20, trial.toString());
                assertTrue(List.of("a", "b", "c").contains(trial.parameters().get("kind")), trial.toString());
            }
            Map<String, Object> best = study.best().orElseThrow().parameters();
            assertEquals("b", best.get("kind"), sampler + " " + best);
            assertTrue(Math.abs((Integer) best.get("n") - 13) <= 2, sampler + " " + best);
        }
    }

    @Test
    void theSameSeedProposesTheSameConfigurations() throws IOException {
        for (Sampler sampler : List.of(Sampler.random(), new BayesianSampler(3), new TreeParzenSampler(3))) {
            List<Map<String, Object>> first = run(sampler);
            assertEquals(first, run(sampler), sampler.toString());
        }
    }

    private static List<Map<String, Object>> run(Sampler sampler) throws IOException {
        Study study = new Study(Search.sampled(TestFunctions.braninSpace(), sampler, 8, 0, Direction.MINIMIZE, 4));
        return study.optimize((p, e, progress) -> TestFunctions.branin(p)).stream().map(Trial::parameters).toList();
    }

    @Test
    void gridSearchStopsAtTheEndOfItsGrid() throws IOException {
        SearchSpace space = SearchSpace.builder().choice("a", 1, 2).choice("b", "x", "y", "z").build();
        Study study = new Study(Search.sampled(space, Sampler.grid(), 100, 0, Direction.MAXIMIZE, 1));
        List<Trial> trials = study.optimize((p, e, progress) -> (Integer) p.get("a"));
        assertEquals(space.grid(), trials.stream().map(Trial::parameters).toList());
    }
}
