package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla predict} and {@code nabla evaluate} on a model trained on a series ({@code data.timeseries}). */
class SeriesModelCommandsTest {

    @TempDir
    static Path directory;
    static Path model;

    /** A trend plus a yearly cycle, one row per month. */
    private static double level(int t) {
        return 300 + 0.1 * t + 3 * Math.sin(2 * Math.PI * t / 12);
    }

    private static Path series(String name, int steps, int brokenRow, String broken) throws IOException {
        StringBuilder csv = new StringBuilder("month,level\n");
        for (int t = 0; t < steps; t++) {
            csv.append(t).append(',').append(t + 1 == brokenRow ? broken : Double.toString(level(t))).append('\n');
        }
        return Files.writeString(directory.resolve(name), csv);
    }

    @BeforeAll
    static void train() throws IOException {
        series("series.csv", 240, 0, null);
        Path experiment = Files.writeString(directory.resolve("experiment.yaml"), """
                data: {timeseries: series.csv, target: level, window: 12, test_split: 0.2}
                model:
                  sequential:
                    - {type: flatten}
                    - {type: dense, units: 16, activation: relu}
                    - {type: dense, units: 1}
                training: {optimizer: {name: adam, learning_rate: 0.01}, loss: mse, metrics: [mae], epochs: 30,
                           batch_size: 16}
                output: %s
                """.formatted(directory.resolve("run")));
        Run train = Run.nabla("train", experiment.toString());
        assertEquals(0, train.exitCode(), train.err());
        model = directory.resolve("run/best.nabla");
    }

    @Test
    void theModelFileKeepsTheWindowsAndTheTrainingScaler() throws IOException {
        String kept = ModelFile.load(model).trainingState().get("timeseries.windows");
        assertTrue(kept.contains("\"target\":\"level\"") && kept.contains("\"window\":12") && kept.contains("\"mean\""),
                kept);
    }

    @Test
    void predictForecastsAfterTheSeriesEndInTheSeriesUnits() throws IOException {
        Path file = directory.resolve("series.csv");
        Run next = Run.nabla("predict", model.toString(), file.toString());
        Run lastThree = Run.nabla("predict", model.toString(), file.toString(), "--last", "3");

        assertEquals(0, next.exitCode(), next.err());
        double forecast = number(next.out(), Pattern.quote(file + ": 'level' at row 241:"));
        assertEquals(level(240), forecast, 1.5, "in ppm-like units, not scaled: " + next.out());
        assertEquals(0, lastThree.exitCode(), lastThree.err());
        String[] lines = lastThree.out().strip().split("\n");
        assertEquals(3, lines.length, lastThree.out());
        assertTrue(lines[0].startsWith(file + ": 'level' at row 239: ") && lines[0].contains(String.format(
                java.util.Locale.ROOT, "(actual %.4f)", level(238))), lines[0]);
        assertTrue(lines[2].startsWith(file + ": 'level' at row 241: ") && !lines[2].contains("actual"), lines[2]);
    }

    @Test
    void evaluateTestsEveryWindowOfAFileAndGivesTheErrorInTheSeriesUnits() throws IOException {
        Path later = series("later.csv", 60, 0, null);
        Run evaluate = Run.nabla("evaluate", model.toString(), "--data", later.toString(), "--json");
        Run printed = Run.nabla("evaluate", model.toString(), "--data", later.toString());

        assertEquals(0, evaluate.exitCode(), evaluate.err());
        Map<?, ?> result = new org.yaml.snakeyaml.Yaml().load(evaluate.out());
        double scaled = ((Number) result.get("mae")).doubleValue();
        double units = ((Number) result.get("mae_in_series_units")).doubleValue();
        assertTrue(units < 1.5, evaluate.out());
        assertTrue(units > scaled, "the series' spread is above 1, so its units give a larger error: " + result);
        assertTrue(printed.out().startsWith(later + ": 48 examples"), printed.out());   // 60 - 12 windows
    }

    @Test
    void badSeriesAreRefusedWithWhatAndWhere() throws IOException {
        Path gap = series("gap.csv", 60, 7, "NaN");
        Path text = series("text.csv", 60, 5, "n/a");
        Path shortSeries = series("short.csv", 10, 0, null);
        Files.writeString(directory.resolve("other.csv"), "month,co2\n1,2\n");

        Run nan = Run.nabla("evaluate", model.toString(), "--data", gap.toString());
        Run notNumbers = Run.nabla("predict", model.toString(), text.toString());
        Run tooShort = Run.nabla("predict", model.toString(), shortSeries.toString());
        Run tooShortToTest = Run.nabla("evaluate", model.toString(), "--data", series("twelve.csv", 12, 0, null)
                .toString());
        Run noColumn = Run.nabla("predict", model.toString(), directory.resolve("other.csv").toString());
        Run asText = Run.nabla("predict", model.toString(), "--text", "hello");

        assertEquals(1, nan.exitCode());
        assertTrue(nan.err().contains("the column 'level' has no number in row 7 of " + gap
                + " (empty or a missing-value marker: NA, ? or NaN); a series needs a value at every step"), nan.err());
        assertTrue(notNumbers.err().contains(text + ":6: column 2 'level': 'n/a' is not a number"), notNumbers.err());
        assertTrue(tooShort.err().contains(shortSeries + " has 10 step(s) of 'level', but forecasting from the last 1"
                + " window(s) takes at least 12 (the model reads windows of 12 steps"), tooShort.err());
        assertTrue(tooShortToTest.err().contains("has 12 step(s) of 'level', but evaluating takes at least 13"),
                tooShortToTest.err());
        assertTrue(noColumn.err().contains("the target column 'level' is not in " + directory.resolve("other.csv")
                + "; its columns: month, co2"), noColumn.err());
        assertTrue(asText.err().contains("forecasts a series (data.timeseries): give CSV files with the column"
                + " [level], not --text"), asText.err());
    }

    private static double number(String output, String label) {
        Matcher m = Pattern.compile(label + " ([0-9.]+)").matcher(output);
        assertTrue(m.find(), label + " in " + output);
        return Double.parseDouble(m.group(1));
    }
}
