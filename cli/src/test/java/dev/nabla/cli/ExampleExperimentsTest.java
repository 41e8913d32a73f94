package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.data.FashionMnist;
import dev.nabla.nn.Layer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every experiment file under examples/ and every {@code yaml} block of the documentation
 * reads and builds its model; a block without a {@code model} section is a fragment and is
 * checked laid over a small complete experiment, and a block's CSV file is found as if the
 * block were a file of examples/. With Fashion-MNIST installed, every Fashion-MNIST example
 * also trains for an epoch on 512 images; the CSV example cross-validates for two epochs.
 */
class ExampleExperimentsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final String BASE = """
            data: digits
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 10, activation: softmax}
            training: {loss: sparse_categorical_crossentropy}
            """;

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> everyExampleFileReadsAndBuilds() throws IOException {
        return exampleFiles().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(),
                () -> build(Experiment.read(file, Experiment.Overrides.NONE))));
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockOfTheDocumentationReadsAndBuilds() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = BLOCK.matcher(Files.readString(doc));
            for (int i = 1; m.find(); i++) {
                String name = ROOT.relativize(doc) + " yaml block " + i;
                String text = m.group(1);
                tests.add(DynamicTest.dynamicTest(name, () -> build(parse(text, name))));
            }
        }
        assertFalse(tests.isEmpty(), "docs/experiments.md has YAML examples");
        return tests.stream();
    }

    @Test
    void theBreastCancerExampleCrossValidatesOverFiveFolds() throws IOException {
        Path output = directory.resolve("breast-cancer-cv");

        Run run = Run.nabla("train", ROOT.resolve("examples/breast-cancer-cv.yaml").toString(), "--epochs", "2",
                "--output", output.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("breast-cancer.csv: 569 rows, 30 features after preprocessing; 5-fold"
                + " stratified cross-validation"), run.out());
        assertTrue(run.out().contains("fold  loss"), run.out());
        Matcher mean = Pattern.compile("\nmean  [0-9.]+ ± [0-9.]+  ([0-9.]+) ± ([0-9.]+)").matcher(run.out());
        assertTrue(mean.find(), run.out());
        assertTrue(Double.parseDouble(mean.group(1)) > 0.8, "mean accuracy after two epochs: " + mean.group());
        Map<?, ?> metrics = (Map<?, ?>) new Yaml().load(Files.readString(output.resolve("metrics.json")));
        assertEquals(5, ((List<?>) metrics.get("folds")).size());
        assertEquals(List.of("loss", "accuracy", "precision", "recall", "f1_score", "auc"),
                List.copyOf(((Map<?, ?>) metrics.get("mean")).keySet()));
    }

    @Test
    void theSentimentExampleLearnsFromTextAndPredictsNewSentences() throws IOException {
        Path output = directory.resolve("sentiment-text");

        Run run = Run.nabla("train", ROOT.resolve("examples/sentiment-text.yaml").toString(), "--output",
                output.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("sentences.csv: 2160 training, 240 validation and 600 test examples of shape"
                + " [32]"), run.out());
        Matcher accuracy = Pattern.compile("\ntest accuracy ([0-9.]+)").matcher(run.out());
        assertTrue(accuracy.find(), run.out());
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.75, accuracy.group());
        Path sentences = directory.resolve("new.csv");
        Files.writeString(sentences, "sentence\n\"Great food, lovely staff, I loved it.\"\n"
                + "\"Terrible. The worst film, a complete waste of time and money.\"\n");
        Run predict = Run.nabla("predict", output.resolve("best.nabla").toString(), sentences.toString(), "--top",
                "1");
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().contains("row 1: 1 positive"), predict.out());
        assertTrue(predict.out().contains("row 2: 0 negative"), predict.out());
    }

    @Test
    void theCo2LstmExampleBeatsTheSeasonalNaiveForecastOnASliceAndForecastsTheNextMonth() throws IOException {
        Path output = directory.resolve("co2-lstm");

        Run run = Run.nabla("train", ROOT.resolve("examples/co2-lstm.yaml").toString(), "--limit", "240", "--epochs",
                "20", "--output", output.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("co2-mauna-loa.csv: 240 steps; windows of 24 steps, target 'CO2' 1 step(s) after"
                + " each; the last 48 steps are forecast in the test"), run.out());
        Matcher model = Pattern.compile("\nmodel: test mae ([0-9.]+) in the series' units").matcher(run.out());
        Matcher naive = Pattern.compile("\nbaseline \\(seasonal naive, season 12\\): test mae ([0-9.]+)")
                .matcher(run.out());
        assertTrue(model.find() && naive.find(), run.out());
        assertTrue(Double.parseDouble(model.group(1)) < Double.parseDouble(naive.group(1)),
                model.group() + naive.group());
        Run predict = Run.nabla("predict", output.resolve("best.nabla").toString(),
                ROOT.resolve("examples/data/co2-mauna-loa.csv").toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().matches("(?s).*co2-mauna-loa.csv: 'CO2' at row 742: [0-9]{3}\\.[0-9]{4}\n"),
                predict.out());
    }

    @Test
    void theScheduleExampleOfTheDocumentationTrains() throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(ROOT.resolve("docs/experiments.md")));
        String text = null;
        while (text == null && block.find()) {
            text = block.group(1).contains("learning_rate: {schedule:") ? block.group(1) : null;
        }
        assertTrue(text != null, "docs/experiments.md shows a schedule as the optimizer's learning_rate");
        Path output = directory.resolve("schedule");
        Experiment quick = parse(text, "the schedule example", new Experiment.Overrides(1, output, 256));

        ExperimentRun.run(quick, new java.io.PrintWriter(java.io.Writer.nullWriter()));

        // 256 images in batches of 64, two batches an update: 2 updates into a 100-step warm-up from 0.1/3.
        List<String> history = Files.readAllLines(output.resolve("history.csv"));
        assertTrue(history.get(0).endsWith(",learning_rate"), history.get(0));
        String[] first = history.get(1).split(",");
        assertEquals(0.1 * (1 / 3.0 + 2 / 3.0 * 2 / 100), Double.parseDouble(first[first.length - 1]), 1e-7);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleTrainsForAnEpochOnFiveHundredImages() throws IOException {
        // the other examples (CSV, text, series, pairs, corpus) are trained by their own tests
        return exampleFiles().stream().filter(ExampleExperimentsTest::readsFashionMnist)
                .map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
            assumeFashionMnist();
            Path output = directory.resolve(file.getFileName().toString());

            Run run = Run.nabla("train", file.toString(), "--limit", "512", "--epochs", "1", "--output",
                    output.toString());

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("fashion-mnist: 461 training, 51 validation and 512 test examples")
                    || run.out().contains("fashion-mnist: 512 training, 0 validation and 512 test examples"),
                    run.out());   // a GAN's file keeps no validation split
            for (String written : ExperimentRun.FILES) {
                assertTrue(Files.size(output.resolve(written)) > 0, written);
            }
        }));
    }

    private static boolean readsFashionMnist(Path file) {
        try {
            ConfigMap data = YamlFile.parse(Files.readString(file), file.toString()).asMap().get("data").asMap();
            return data.has("name") && data.get("name").asString().equals("fashion-mnist");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(Experiment experiment) throws IOException {
        Layer.manualSeed(1);
        Layer model = experiment.model().build(ExperimentRun.sampleShape(experiment));
        assertTrue(model.parameterCount() > 0);
    }

    /** A complete experiment, or a fragment laid over {@link #BASE}. */
    private static Experiment parse(String text, String name) {
        return parse(text, name, Experiment.Overrides.NONE);
    }

    private static Experiment parse(String text, String name, Experiment.Overrides overrides) {
        ConfigNode block = YamlFile.parse(text, name);
        if (!block.asMap().has("model")) {
            Map<Object, Object> merged = new LinkedHashMap<>((Map<?, ?>) YamlFile.parse(BASE, "base").value());
            merged.putAll((Map<?, ?>) block.value());
            block = YamlFile.parse(new Yaml().dump(merged), name + " over a small experiment");
        }
        Experiment experiment = Experiment.parse(block, Path.of("runs", "example"), overrides);
        return new Experiment(experiment.source(), experiment.data().withBase(ROOT.resolve("examples")),
                experiment.model(), experiment.training(), experiment.output());
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(18, yaml.size(), "the examples: " + yaml);
            return yaml;
        }
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static void assumeFashionMnist() throws IOException {
        boolean installed;
        try {
            FashionMnist.load();
            installed = true;
        } catch (FileNotFoundException absent) {
            installed = false;
        }
        assumeTrue(installed, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipping");
    }
}
