package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla train} on labelled texts ({@code data.text}) and on a series ({@code data.timeseries}), and {@code predict --text}. */
class SequenceExperimentTest {

    private static final String TEXT_MODEL = """
            model:
              sequential:
                - {type: embedding, input_dim: 50, output_dim: 8}
                - {type: permute, dims: [2, 1]}
                - {type: global_avg_pool}
                - {type: dense, units: 1, activation: sigmoid}
            training: {optimizer: {name: adam, learning_rate: 0.05}, loss: binary_crossentropy, metrics: [accuracy],
                       epochs: 15, batch_size: 8}
            """;
    private static final String SERIES_MODEL = """
            model:
              sequential:
                - {type: flatten}
                - {type: dense, units: 16, activation: relu}
                - {type: dense, units: 1}
            training: {optimizer: {name: adam, learning_rate: 0.01}, loss: mse, metrics: [mae], epochs: 30,
                       batch_size: 16}
            """;

    @TempDir
    Path directory;

    /** 80 reviews in JSON: "good"/"great" words are positive (1), "bad"/"awful" negative (0). */
    private void reviews() throws IOException {
        String[] positive = {"good", "great", "lovely", "fine"};
        String[] negative = {"bad", "awful", "cold", "rude"};
        String[] fillers = {"the food", "our waiter", "this place", "the film", "it"};
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 80; i++) {
            int label = i % 2;
            String word = (label == 1 ? positive : negative)[i / 2 % 4];
            json.append(i == 0 ? "" : ",\n").append(String.format(Locale.ROOT, "{\"review\": \"%s was %s, %s!\","
                    + " \"stars\": %d}", fillers[i % 5], word, i % 3 == 0 ? "really" : "truly", label));
        }
        Files.writeString(directory.resolve("reviews.json"), json.append("]\n"));
    }

    /** 240 monthly steps: a trend plus a yearly cycle. */
    private void series(String broken) throws IOException {
        StringBuilder csv = new StringBuilder("month,level\n");
        for (int t = 0; t < 240; t++) {
            double level = 300 + 0.1 * t + 3 * Math.sin(2 * Math.PI * t / 12);
            csv.append(t).append(',').append(t == 100 && broken != null ? broken : Double.toString(level)).append('\n');
        }
        Files.writeString(directory.resolve("series.csv"), csv);
    }

    private Path experiment(String data, String model) throws IOException {
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, data + model + "output: " + directory.resolve("run") + "\n");
        return file;
    }

    @Test
    void aTextRunBuildsItsVocabularyKeepsItInTheModelAndPredictReadsNewTexts() throws IOException {
        reviews();
        Path file = experiment("data: {text: reviews.json, text_column: review, label_column: stars, test_split: 0.25,"
                + " baseline: true}\n", TEXT_MODEL);

        Run train = Run.nabla("train", file.toString());
        Path model = directory.resolve("run/best.nabla");
        Run predict = Run.nabla("predict", model.toString(), "--text", "The food was great", "--text",
                "our waiter was rude", "--top", "1");

        assertEquals(0, train.exitCode(), train.err());
        // 4 + 4 sentiment words, 8 filler words, was, really, truly: 19 tokens and <pad>, <unk>
        assertTrue(train.out().contains("reviews.json: vocabulary of 21 tokens from the training texts, 5 ids per text"),
                train.out());
        assertTrue(train.out().contains("reviews.json: 60 training, 0 validation and 20 test examples of shape [5]"),
                train.out());
        assertEquals(1.0, number(train.out(), "test accuracy"), 1e-9);
        assertEquals(1.0, number(train.out(), "baseline \\(bag-of-words logistic regression\\): test accuracy"), 1e-9);
        assertTrue(ModelFile.load(model).trainingState().get("text.encoder").contains("\"sequence_length\":5"));
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().contains("\"The food was great\": 1 1 "), predict.out());
        assertTrue(predict.out().contains("\"our waiter was rude\": 0 0 "), predict.out());
        Run evaluate = Run.nabla("evaluate", model.toString(), "--data", directory.resolve("reviews.json").toString(),
                "--json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertEquals(1.0, (Double) ((Map<?, ?>) new org.yaml.snakeyaml.Yaml().load(evaluate.out())).get("accuracy"),
                1e-9);
        Files.writeString(directory.resolve("other.json"), "[{\"review\": \"fine food\", \"stars\": 5}]");
        Run unknown = Run.nabla("evaluate", model.toString(), "--data", directory.resolve("other.json").toString());
        assertTrue(unknown.err().contains("other.json: the label '5' of example 1 is not one of the model's classes"
                + " [0, 1]"), unknown.err());
    }

    @Test
    void textFileMistakesAreReportedWithTheirPlace() throws IOException {
        Files.writeString(directory.resolve("texts.csv"), "sentence,label\nfine,1\n\"  ?! \",0\nbad,0\n");

        Run missing = Run.nabla("train", experiment("data: {text: texts.csv, text_column: review}\n", TEXT_MODEL)
                .toString());
        Run empty = Run.nabla("train", experiment("data: {text: texts.csv, text_column: sentence}\n", TEXT_MODEL)
                .toString());
        Run notText = Run.nabla("predict", TrainedDigitsModel.directory().resolve("best.nabla").toString(), "--text", "hello");

        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("the text column 'review' is not in " + directory.resolve("texts.csv")
                + "; its columns: sentence, label; name it with text_column"), missing.err());
        assertTrue(empty.err().contains("the text of row 2 of " + directory.resolve("texts.csv") + " is empty (no"
                + " token in '  ?! ')"), empty.err());
        assertTrue(notText.err().contains("was not trained on labelled texts (data.text)"), notText.err());
    }

    @Test
    void aSeriesRunForecastsTheLastStepsAndPrintsTheSeasonalNaiveBaseline() throws IOException {
        series(null);
        Path file = experiment("data: {timeseries: series.csv, target: level, window: 12, test_split: 0.2,"
                + " validation_split: 0.1, season: 12}\n", SERIES_MODEL);

        Run train = Run.nabla("train", file.toString());

        assertEquals(0, train.exitCode(), train.err());
        // 240 steps, 48 to test; 192 - 12 = 180 windows before them, 18 of them validated on
        assertTrue(train.out().contains("series.csv: 240 steps; windows of 12 steps, target 'level' 1 step(s) after"
                + " each; the last 48 steps are forecast in the test"), train.out());
        assertTrue(train.out().contains("series.csv: 162 training, 18 validation and 48 test examples of shape"
                + " [12, 1]"), train.out());
        // the cycle repeats, so a season back is off by the trend alone: 12 × 0.1
        assertEquals(1.2, number(train.out(), "baseline \\(seasonal naive, season 12\\): test mae"), 1e-3);
        assertTrue(number(train.out(), "model: test mae") < 1.2, train.out());
        String resolved = Files.readString(directory.resolve("run/config.resolved.yaml"));
        assertTrue(resolved.contains("window: 12") && resolved.contains("scaling: standard"), resolved);
        Run twoColumns = Run.nabla("train", experiment("data: {timeseries: series.csv, target: level, columns: [month,"
                + " level], window: 6, horizon: 3, stride: 2, scaling: none}\n", SERIES_MODEL).toString(), "--epochs",
                "1");
        assertEquals(0, twoColumns.exitCode(), twoColumns.err());
        // 192 steps before the 48 test steps: windows of 6 with a target 3 after, every 2 steps: 92
        assertTrue(twoColumns.out().contains("series.csv: 92 training, 0 validation and 48 test examples of shape"
                + " [6, 2]"), twoColumns.out());
    }

    @Test
    void seriesMistakesAreReportedWithTheirPlace() throws IOException {
        series("NA");
        Run missingValue = Run.nabla("train", experiment("data: {timeseries: series.csv, target: level, window: 12}\n",
                SERIES_MODEL).toString());
        Run tooLong = Run.nabla("train", experiment("data: {timeseries: series.csv, target: level, window: 12}\n",
                SERIES_MODEL).toString(), "--limit", "15");
        Run noColumn = Run.nabla("train", experiment("data: {timeseries: series.csv, target: co2, window: 12}\n",
                SERIES_MODEL).toString());

        assertEquals(1, missingValue.exitCode());
        assertTrue(missingValue.err().contains("the column 'level' has no number in row 101 of "
                + directory.resolve("series.csv") + " (empty or a missing-value marker: NA, ? or NaN)"), missingValue.err());
        assertTrue(tooLong.err().contains("a window of 12 steps and a target 1 step(s) after it need 13 steps before"
                + " the test, but " + directory.resolve("series.csv") + " has 15 steps of which 3 are held out"),
                tooLong.err());
        assertTrue(noColumn.err().contains("the target column 'co2' is not in " + directory.resolve("series.csv")
                + "; its columns: month, level"), noColumn.err());
    }

    @Test
    void theSeriesAndTextBlocksOfTheGuideTrainOnASliceOfTheirData() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("docs/sequences.md")));
        int trained = 0;
        while (block.find()) {
            if (!block.group(1).contains("timeseries:") && !block.group(1).contains("text:")) {
                continue;   // the recurrent layers' blocks, which ExampleExperimentsTest builds
            }
            boolean series = block.group(1).contains("timeseries:");
            Experiment experiment = Experiment.parse(YamlFile.parse(block.group(1), "docs/sequences.md"),
                    directory.resolve("run"), new Experiment.Overrides(2, directory.resolve("run" + trained),
                            series ? 240 : 400));
            experiment = new Experiment(experiment.source(), experiment.data().withBase(root.resolve("examples")),
                    experiment.model(), experiment.training(), experiment.output());
            StringWriter printed = new StringWriter();

            Map<String, Double> test = ExperimentRun.run(experiment, new PrintWriter(printed));

            assertTrue(test.containsKey(series ? "mae" : "accuracy"), test.toString());
            assertTrue(printed.toString().contains(series ? "baseline (seasonal naive, season 12): test mae"
                    : "baseline (bag-of-words logistic regression): test accuracy"), printed.toString());
            trained++;
        }
        assertEquals(4, trained, "docs/sequences.md shows a series experiment and three text experiments");
    }

    private static double number(String output, String label) {
        Matcher m = Pattern.compile(label + " ([0-9.]+)").matcher(output);
        assertTrue(m.find(), label + " in " + output);
        return Double.parseDouble(m.group(1));
    }
}
