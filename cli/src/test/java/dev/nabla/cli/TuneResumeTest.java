package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a {@code nabla tune} process in the middle of a trial (SIGKILL: no shutdown hook, no
 * last save) and resumes the study: it ends with the same trials as a study that was never
 * interrupted. Bayesian optimisation, so every proposal after the first two depends on the
 * objectives before it.
 */
class TuneResumeTest {

    @TempDir
    Path directory;

    private static final String STUDY = TuneCommandTest.DIGITS.replace("epochs: 2", "epochs: 3")
            .replace("trials: 3", "trials: 5\n  algorithm: bayes\n  random_start: 2");

    @Test
    void aStudyKilledMidTrialResumesToTheTrialsOfAnUninterruptedOne() throws Exception {
        Path file = directory.resolve("digits-tune.yaml");
        Files.writeString(file, STUDY);
        Path killed = directory.resolve("killed");

        Path log = directory.resolve("killed.log");
        Process process = tuneProcess(file, killed, log);
        Path studyFile = killed.resolve("study.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<Trial> seen = List.of();
        while (!runningAfterTwoFinished(seen)) {
            assertTrue(process.isAlive(), "the study ended before it could be killed: "
                    + Files.readString(log) + "; saved: " + seen);
            assertTrue(System.nanoTime() < deadline, "no third trial started within 5 minutes");
            Thread.sleep(50);
            seen = read(studyFile);
        }
        process.destroyForcibly();
        process.waitFor();
        List<Trial> atKill = read(studyFile);
        assertTrue(atKill.stream().anyMatch(t -> t.status() == Trial.Status.RUNNING), atKill.toString());

        Run resumed = Run.nabla("tune", file.toString(), "--output", killed.toString(), "--limit", "200", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("(resuming: "), resumed.out());
        Run whole = Run.nabla("tune", file.toString(), "--output", directory.resolve("whole").toString(),
                "--limit", "200");
        assertEquals(0, whole.exitCode(), whole.err());

        List<Trial> afterResume = read(studyFile);
        List<Trial> uninterrupted = read(directory.resolve("whole/study.json"));
        assertEquals(5, uninterrupted.size());
        assertEquals(uninterrupted.stream().map(Trial::parameters).toList(),
                afterResume.stream().map(Trial::parameters).toList());
        assertEquals(uninterrupted.stream().map(Trial::objective).toList(),
                afterResume.stream().map(Trial::objective).toList());
        for (int i = 0; i < atKill.size(); i++) {
            if (atKill.get(i).finished()) {
                assertEquals(atKill.get(i).seconds(), afterResume.get(i).seconds(), "trial " + i + " was not rerun");
            }
        }
    }

    private static boolean runningAfterTwoFinished(List<Trial> trials) {
        return trials.stream().filter(Trial::finished).count() >= 2
                && trials.stream().anyMatch(t -> t.status() == Trial.Status.RUNNING);
    }

    private static List<Trial> read(Path studyFile) throws IOException {
        if (!Files.exists(studyFile)) {
            return List.of();
        }
        return StudyFile.read(studyFile).trials();
    }

    /** {@code nabla tune} in a JVM of its own, with this one's flags and class path. */
    private static Process tuneProcess(Path file, Path output, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:jdwp")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.nabla.cli.Main", "tune",
                file.toString(), "--output", output.toString(), "--limit", "200"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
