package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.cli.tune.DistributedTuning;
import dev.nabla.cli.tune.TuneSpec;
import dev.nabla.cli.tune.Tuning;
import dev.nabla.tune.StudyFile;
import dev.nabla.tune.Trial;
import dev.nabla.tune.TrialRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTuningTest {

    private static final String DIGITS = """
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
              trials: 4
              parameters:
                training.optimizer.learning_rate: {type: float, low: 1.0e-3, high: 3.0e-2, log: true}
                model.sequential[1].units: {type: int, low: 8, high: 32}
            """;

    private static final TuneSpec.Overrides TWO_AT_ONCE = new TuneSpec.Overrides(null, null, 2, null);

    @TempDir
    Path directory;

    @Test
    void theCommandLineFindsTheSparkStudyThroughTheServiceLoader() {
        assertInstanceOf(SparkTuning.class, DistributedTuning.find().orElseThrow());
    }

    @Test
    void trialsRunAsSparkTasksAndWriteTheFilesOfALocalStudy() throws IOException {
        Path file = directory.resolve("digits-tune.yaml");
        Files.writeString(file, DIGITS);
        Path local = directory.resolve("local");
        Path spark = directory.resolve("spark");
        Tuning.run(file, new TuneSpec.Overrides(null, null, null, null), local, 300, false, quiet());
        StringWriter console = new StringWriter();
        List<Trial> trials = SparkTuning.tune(LocalSpark.context(), file, TWO_AT_ONCE, spark, 300, false,
                new PrintWriter(console));

        assertEquals(files(local), files(spark));
        for (String name : ExperimentRun.FILES) {
            assertTrue(Files.exists(spark.resolve("trials/trial-0003").resolve(name)), name);
        }
        assertTrue(Files.readString(spark.resolve("trials/trial-0001/trial.log")).contains("test"));
        StudyFile.Contents onSpark = StudyFile.read(spark.resolve("study.json"));
        StudyFile.Contents here = StudyFile.read(local.resolve("study.json"));
        assertEquals(here.settings(), onSpark.settings());
        assertEquals(here.trials().stream().map(Trial::parameters).toList(),
                onSpark.trials().stream().map(Trial::parameters).toList());
        assertEquals(4, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.status() == Trial.Status.COMPLETE), trials.toString());
        List<String> localCsv = Files.readAllLines(local.resolve("results.csv"));
        List<String> sparkCsv = Files.readAllLines(spark.resolve("results.csv"));
        assertEquals(localCsv.getFirst(), sparkCsv.getFirst());
        assertEquals(5, sparkCsv.size());

        Trial best = trials.stream().max(Comparator.comparingDouble(Trial::objective)).orElseThrow();
        assertTrue(console.toString().contains("best: trial " + best.number()), console.toString());
        String bestFile = Files.readString(spark.resolve("best.yaml"));
        assertTrue(bestFile.contains("learning_rate: " + best.parameters().get("training.optimizer.learning_rate")),
                bestFile);

        resumeRunsOnlyTheInterruptedTrial(file, spark);
    }

    /** Marks trial 3 as interrupted (running) in study.json and resumes: only trial 3 trains again. */
    private void resumeRunsOnlyTheInterruptedTrial(Path file, Path spark) throws IOException {
        Path studyFile = spark.resolve("study.json");
        StudyFile.Contents contents = StudyFile.read(studyFile);
        List<Trial> interrupted = new ArrayList<>(contents.trials());
        Trial last = interrupted.get(3);
        interrupted.set(3, new TrialRequest(last.config(), last.bracket(), last.rung(), last.epochs(),
                last.parameters()).started(3));
        StudyFile.write(studyFile, contents.settings(), interrupted);
        Path kept = spark.resolve("trials/trial-0000/history.csv");
        Path redone = spark.resolve("trials/trial-0003/history.csv");
        FileTime keptTime = Files.getLastModifiedTime(kept);
        FileTime redoneTime = Files.getLastModifiedTime(redone);

        StringWriter console = new StringWriter();
        List<Trial> resumed = SparkTuning.tune(LocalSpark.context(), file, TWO_AT_ONCE, spark, 300, true,
                new PrintWriter(console));

        assertTrue(console.toString().contains("(resuming: 3 trials finished)"), console.toString());
        assertEquals(1, console.toString().lines().filter(l -> l.matches("trial \\d+ \\(.*")).count(),
                console.toString());
        assertEquals(4, resumed.size());
        assertTrue(resumed.stream().allMatch(Trial::finished));
        assertEquals(contents.trials().stream().map(Trial::parameters).toList(),
                resumed.stream().map(Trial::parameters).toList());
        assertEquals(keptTime, Files.getLastModifiedTime(kept));
        assertTrue(Files.getLastModifiedTime(redone).compareTo(redoneTime) > 0);
    }

    private static Set<Path> files(Path study) throws IOException {
        try (Stream<Path> paths = Files.walk(study)) {
            return paths.map(study::relativize).collect(Collectors.toSet());
        }
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter());
    }
}
