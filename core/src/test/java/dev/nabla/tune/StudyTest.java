package dev.nabla.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {

    @TempDir
    Path directory;

    private static final Map<String, Object> SETTINGS = Map.of("search", "bayes", "seed", 9);

    /** A crash of the whole process, mid-trial: nothing of the study's code catches it. */
    private static final class Crash extends Error {
    }

    private static Search search() {
        return Search.sampled(TestFunctions.braninSpace(), new BayesianSampler(3), 8, 0, Direction.MINIMIZE, 9);
    }

    @Test
    void aStudyInterruptedMidTrialResumesToTheSameTrialsAsOneThatWasNot() throws IOException {
        List<Trial> uninterrupted = new Study(search(), Direction.MINIMIZE)
                .saveTo(directory.resolve("whole.json"), SETTINGS)
                .optimize((p, e, progress) -> TestFunctions.branin(p));

        Path file = directory.resolve("interrupted.json");
        int[] calls = {0};
        assertThrows(Crash.class, () -> new Study(search(), Direction.MINIMIZE).saveTo(file, SETTINGS)
                .optimize((p, e, progress) -> {
                    if (++calls[0] == 6) {
                        throw new Crash();
                    }
                    return TestFunctions.branin(p);
                }));
        assertEquals(5, StudyFile.read(file).trials().size(), "saved after each of the five finished trials");

        int[] resumedCalls = {0};
        List<Trial> resumed = new Study(search(), Direction.MINIMIZE).saveTo(file, SETTINGS)
                .optimize((p, e, progress) -> {
                    resumedCalls[0]++;
                    return TestFunctions.branin(p);
                });

        assertEquals(3, resumedCalls[0], "finished trials are not run again");
        assertEquals(uninterrupted.stream().map(Trial::parameters).toList(),
                resumed.stream().map(Trial::parameters).toList());
        assertEquals(uninterrupted.stream().map(Trial::objective).toList(),
                resumed.stream().map(Trial::objective).toList());
    }

    @Test
    void aSavedStudyReadsBackAsItWasWritten() throws IOException {
        Path file = directory.resolve("study.json");
        Study study = new Study(Search.sampled(SearchSpace.builder().intRange("n", 1, 9).choice("c", "a", "b")
                .logFloat("lr", 1e-4, 1e-1).build(), Sampler.random(), 4, 3, Direction.MAXIMIZE, 1), Direction.MAXIMIZE)
                .saveTo(file, SETTINGS);
        List<Trial> trials = study.optimize((p, epochs, progress) -> {
            progress.report(0.5);
            progress.report(Double.NaN);
            return (Integer) p.get("n") == 3 ? Double.NaN : (Integer) p.get("n");
        });

        StudyFile.Contents read = StudyFile.read(file);
        assertEquals(SETTINGS, read.settings());
        for (int i = 0; i < trials.size(); i++) {
            Trial written = trials.get(i);
            Trial back = read.trials().get(i);
            assertEquals(written.parameters(), back.parameters());
            assertEquals(written.status(), back.status());
            assertEquals(written.objective(), back.objective());
            assertEquals(written.curve(), back.curve());
            assertEquals(3, back.epochs());
        }
    }

    @Test
    void resumingWithOtherSettingsIsRefused() throws IOException {
        Path file = directory.resolve("study.json");
        new Study(search(), Direction.MINIMIZE).saveTo(file, SETTINGS).optimize((p, e, progress) -> 1.0);
        IOException e = assertThrows(IOException.class, () -> new Study(search(), Direction.MINIMIZE)
                .saveTo(file, Map.of("search", "tpe", "seed", 9)));
        assertTrue(e.getMessage().contains("was saved by a study with other settings"), e.getMessage());
    }
}
