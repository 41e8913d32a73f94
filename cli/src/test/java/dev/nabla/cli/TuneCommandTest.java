package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

    @TempDir
    Path directory;

    static final String DIGITS = """
            data: {name: digits, validation_split: 0.2}
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 16, activation: relu}
                - {type: dense, units: 10, activation: softmax}
            training:
              optimizer: {name: adam, learning_rate: 0.001}
              loss: sparse_categorical_crossentropy
              metrics: [accuracy]
              epochs: 2
            tune:
              objective: {metric: val_accuracy, mode: max}
              trials: 3
              parameters:
                training.optimizer.learning_rate: {type: float, low: 1.0e-3, high: 3.0e-2, log: true}
                model.sequential[1].units: {type: int, low: 8, high: 32}
            """;

    private Path experiment(String text) throws IOException {
        Path file = directory.resolve("digits-tune.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void tunesAnExperimentFileAndWritesTheStudysFiles() throws IOException {
        Path study = directory.resolve("study");
        Run run = Run.nabla("tune", experiment(DIGITS).toString(), "--output", study.toString(), "--limit", "200");

        assertEquals(0, run.exitCode(), run.err());
        for (String file : List.of("study.json", "results.csv", "results.json", "best.yaml", "study.png")) {
            assertTrue(Files.exists(study.resolve(file)), file);
        }
        for (String file : ExperimentRun.FILES) {
            assertTrue(Files.exists(study.resolve("trials/trial-0002").resolve(file)), file);
        }
        List<String> csv = Files.readAllLines(study.resolve("results.csv"));
        assertEquals("trial,config,rung,epochs,status,val_accuracy,epochs_used,seconds,"
                + "training.optimizer.learning_rate,model.sequential[1].units", csv.getFirst());
        assertEquals(4, csv.size());
        assertTrue(run.out().contains("3 trials (0 failed), 6 training epochs in all"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("best: trial ")), run.out());
        Experiment best = Experiment.read(study.resolve("best.yaml"), directory, Experiment.Overrides.NONE);
        assertEquals(2, best.training().epochs());

        Run again = Run.nabla("tune", experiment(DIGITS).toString(), "--output", study.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("holds a study already: pass --resume to continue it"), again.err());
    }

    @Test
    void aTrialThatDivergesIsRecordedAsFailedAndTheStudyGoesOn() throws IOException {
        String diverging = DIGITS.replace("trials: 3", "algorithm: grid").replace(
                "training.optimizer.learning_rate: {type: float, low: 1.0e-3, high: 3.0e-2, log: true}",
                "training.optimizer.learning_rate: [1.0e+30, 0.01]").replace(
                "model.sequential[1].units: {type: int, low: 8, high: 32}", "training.optimizer.name: sgd")
                .replace("{metric: val_accuracy, mode: max}", "{metric: val_loss}");
        Path study = directory.resolve("study");
        Run run = Run.nabla("tune", experiment(diverging).toString(), "--output", study.toString(), "--limit", "200");

        assertEquals(0, run.exitCode(), run.err());
        List<Trial> trials = StudyFile.read(study.resolve("study.json")).trials();
        assertEquals(2, trials.size());
        assertEquals(Trial.Status.FAILED, trials.get(0).status());
        assertTrue(trials.get(0).message().contains("hold NaN"), trials.get(0).message());
        assertEquals(Trial.Status.COMPLETE, trials.get(1).status());
        assertTrue(run.out().contains("2 trials (1 failed)"), run.out());
    }

    @Test
    void workersRunTrialsInProcessesOfTheirOwn() throws IOException {
        Path study = directory.resolve("study");
        Run run = Run.nabla("tune", experiment(DIGITS).toString(), "--output", study.toString(), "--limit", "100",
                "--workers", "2", "--trials", "2", "--algorithm", "random");

        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<Trial> trials = StudyFile.read(study.resolve("study.json")).trials();
        assertEquals(2, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.status() == Trial.Status.COMPLETE), trials.toString());
        String log = Files.readString(study.resolve("trials/trial-0001/trial.log"));
        assertTrue(log.contains("digits: 80 training, 20 validation and 100 test examples"), log);
    }

    @Test
    void theMedianRuleStopsTrialsThroughACallbackInTheirExperimentFiles() throws IOException {
        String stopping = DIGITS.replace("epochs: 2", "epochs: 4").replace("trials: 3", "trials: 5\n"
                + "  stopping: {type: median, grace_epochs: 0, minimum_trials: 1}").replace(
                "{type: float, low: 1.0e-3, high: 3.0e-2, log: true}", "{type: float, low: 1.0e-5, high: 3.0e-2, log: true}");
        Path study = directory.resolve("study");
        Run run = Run.nabla("tune", experiment(stopping).toString(), "--output", study.toString(), "--limit", "200");

        assertEquals(0, run.exitCode(), run.err());
        List<Trial> trials = StudyFile.read(study.resolve("study.json")).trials();
        for (Trial trial : trials) {
            Path trialDirectory = study.resolve(String.format("trials/trial-%04d", trial.number()));
            assertTrue(Files.readString(trialDirectory.resolve("experiment.yaml")).contains("type: median_stopping"));
            assertEquals(trial.number(), Files.readAllLines(trialDirectory.resolve("others.csv")).stream()
                    .filter(l -> !l.isBlank()).count(), "the curves of the trials before it");
            assertEquals(trial.epochsUsed() < 4, trial.status() == Trial.Status.STOPPED, trial.toString());
        }
        assertTrue(trials.stream().anyMatch(t -> t.status() == Trial.Status.STOPPED), trials.toString());
    }

    @Test
    void mistakesInTheTuneSectionPointAtTheirLine() throws IOException {
        Run unknown = Run.nabla("tune", experiment(DIGITS.replace("trials: 3", "algorithm: annealing")).toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("digits-tune.yaml:14: tune.algorithm: ") && unknown.err().contains("unknown algorithm 'annealing'; known:"
                + " random, grid, bayes, tpe, hyperband, asha"), unknown.err());

        Run scalar = Run.nabla("tune", experiment(DIGITS.replace("optimizer: {name: adam, learning_rate: 0.001}",
                "optimizer: adam")).toString());
        assertEquals(1, scalar.exitCode());
        assertTrue(scalar.err().contains("training.optimizer is 'adam', not a mapping"), scalar.err());

        Run none = Run.nabla("tune", experiment(DIGITS.substring(0, DIGITS.indexOf("tune:"))).toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("has no tune section"), none.err());
    }

    @Test
    void sparkWithoutTheSparkModuleSaysHowToGetIt() throws IOException {
        Run fromOption = Run.nabla("tune", experiment(DIGITS).toString(), "--spark", "local[2]");
        assertEquals(2, fromOption.exitCode());
        assertTrue(fromOption.err().contains("needs the spark module on the class path"), fromOption.err());

        Run fromFile = Run.nabla("tune", experiment(DIGITS + "spark: {master: 'local[2]'}\n").toString());
        assertEquals(2, fromFile.exitCode());
        assertTrue(fromFile.err().contains("tuning on Spark (--spark, or the file's spark.master)"), fromFile.err());
    }
}
