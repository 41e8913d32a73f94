package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code nabla train} on CSV experiments, and {@code evaluate} and {@code predict} on CSV rows. */
class TabularExperimentTest {

    private static final String MODEL = """
            model:
              sequential:
                - {type: dense, units: 8, activation: relu}
                - {type: dense, units: 1, activation: sigmoid}
            training: {optimizer: {name: adam, learning_rate: 0.05}, loss: binary_crossentropy,
                       metrics: [accuracy, auc], epochs: 15, batch_size: 16}
            """;

    @TempDir
    Path directory;

    /** 120 rows: yes when x + (color == red) > 1; some x missing; size is noise. */
    private Path csv() throws IOException {
        StringBuilder text = new StringBuilder("x,size,color,label\n");
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 120; i++) {
            double x = (i * 37 % 120) / 60.0;
            String color = colors[i % 3];
            boolean yes = x + (color.equals("red") ? 1 : 0) > 1;
            text.append(i % 13 == 0 ? "NA" : Double.toString(x)).append(',').append(i % 7).append(',').append(color)
                    .append(',').append(yes ? "yes" : "no").append('\n');
        }
        Path file = directory.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    private Path experiment(String data) throws IOException {
        csv();
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, data + MODEL + "output: " + directory.resolve("run") + "\n");
        return file;
    }

    @Test
    void aHeldOutRunSavesThePreprocessingThatEvaluateAndPredictApply() throws IOException {
        Path file = experiment("data: {csv: data.csv, target: label, test_split: 0.25}\n");

        Run train = Run.nabla("train", file.toString());
        Run evaluate = Run.nabla("evaluate", directory.resolve("run/best.nabla").toString(), "--data",
                directory.resolve("data.csv").toString(), "--json");
        Files.writeString(directory.resolve("rows.csv"), "x,size,color\n1.5,3,red\n0.1,2,blue\n");
        Run predict = Run.nabla("predict", directory.resolve("run/best.nabla").toString(),
                directory.resolve("rows.csv").toString(), "--top", "1");

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("data.csv: 90 training, 0 validation and 30 test examples of shape [5]"),
                train.out());
        Map<String, String> state = ModelFile.load(directory.resolve("run/best.nabla")).trainingState();
        assertEquals("[\"no\", \"yes\"]", state.get("class_names"));
        assertTrue(state.get("tabular.preprocessing").contains("\"one_hot_encoder\""), state.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        Map<?, ?> metrics = (Map<?, ?>) new Yaml().load(evaluate.out());
        assertTrue((Double) metrics.get("accuracy") > 0.8, evaluate.out());
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(List.of("yes", "no"), predict.out().lines().map(l -> l.split(" ")[3]).toList(), predict.out());
    }

    @Test
    void crossValidationPrintsTheFoldTableAndWritesItToMetricsJson() throws IOException {
        Path file = experiment("""
                data:
                  csv: data.csv
                  target: label
                  features: [x, color]
                  preprocessing:
                    numeric: [{type: simple_imputer, strategy: median}, {type: min_max_scaler}]
                    categorical: [{type: one_hot_encoder, handle_unknown: ignore}]
                  cross_validation: {folds: 3, seed: 7}
                """);

        Run train = Run.nabla("train", file.toString());

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("data.csv: 120 rows, 4 features after preprocessing; 3-fold stratified"
                + " cross-validation"), train.out());
        assertTrue(train.out().contains("fold 3/3: 80 training and 40 test rows"), train.out());
        assertTrue(train.out().contains("\nmean  "), train.out());
        Map<?, ?> metrics = (Map<?, ?>) new Yaml().load(Files.readString(directory.resolve("run/metrics.json")));
        assertEquals(3, ((List<?>) metrics.get("folds")).size());
        assertEquals(List.of("loss", "accuracy", "auc"), List.copyOf(((Map<?, ?>) metrics.get("std")).keySet()));
        assertTrue(Files.readString(directory.resolve("run/config.resolved.yaml")).contains(
                "cross_validation: {folds: 3, stratified: true, shuffle: true, seed: 7}"));
    }

    @Test
    void aMalformedRowIsReportedWithFileLineAndColumn() throws IOException {
        Path file = experiment("data: {csv: data.csv, target: label, types: {x: numeric}}\n");
        Files.writeString(directory.resolve("data.csv"), "x,size,color,label\n0.5,1,red,yes\nhalf,2,blue,no\n");

        Run train = Run.nabla("train", file.toString());

        assertEquals(1, train.exitCode());
        assertEquals("nabla train: " + directory.resolve("data.csv") + ":3: column 1 'x': 'half' is not a number, and"
                + " the column is declared numeric; mark a missing value with one of ['', '?', 'NA', 'NaN'] or"
                + " declare the column categorical\n", train.err());
    }

    @Test
    void anAllMissingColumnAndAnUnknownStepAreReportedAtTheDataSection() throws IOException {
        Path file = experiment("data: {csv: data.csv, target: label, test_split: 0.5}\n");
        Files.writeString(directory.resolve("data.csv"), "x,empty,label\n1,,yes\n2,NA,no\n3,,yes\n4,?,no\n5,,no\n"
                + "6,,yes\n");
        Path unknown = directory.resolve("unknown.yaml");
        Files.writeString(unknown, "data: {csv: data.csv, target: label, preprocessing: {numeric: [scaler]}}\n"
                + MODEL);

        Run allMissing = Run.nabla("train", file.toString());
        Run unknownStep = Run.nabla("train", unknown.toString());

        assertEquals("nabla train: " + file + ":1: data: SimpleImputer(mean): column 'empty' has no value in any of its"
                + " 3 rows, so it has no mean to fill them with; drop the column or use the constant strategy\n",
                allMissing.err());
        assertEquals("nabla train: " + unknown + ":1: data.preprocessing.numeric[0]: unknown preprocessing step"
                + " 'scaler'; known: simple_imputer, standard_scaler, min_max_scaler, robust_scaler, one_hot_encoder,"
                + " ordinal_encoder, text_vectorization\n", unknownStep.err());
    }

    @Test
    void textVectorizationNeedsTheSizesTheModelFollows() throws IOException {
        Path file = experiment("""
                data:
                  csv: data.csv
                  target: label
                  preprocessing:
                    text: {columns: [color], steps: [text_vectorization]}
                """);

        Run run = Run.nabla("train", file.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("experiment.yaml:5: data.preprocessing.text.steps[0]: text_vectorization needs"
                + " max_tokens (the vocabulary's size, which is the embedding's input_dim)"), run.err());
    }

    @Test
    void anUnseenCategoryAtEvaluationIsAnErrorUnlessIgnored() throws IOException {
        Path file = experiment("data: {csv: data.csv, target: label, test_split: 0.25}\n");
        assertEquals(0, Run.nabla("train", file.toString(), "--epochs", "1").exitCode());
        Files.writeString(directory.resolve("new.csv"), "x,size,color,label\n0.5,1,purple,yes\n");

        Run evaluate = Run.nabla("evaluate", directory.resolve("run/best.nabla").toString(), "--data",
                directory.resolve("new.csv").toString());

        assertEquals("nabla evaluate: OneHotEncoder: unknown category 'purple' in column 'color', row 0; known: blue,"
                + " green, red; encode unknown categories as all zeros with handle_unknown: ignore\n", evaluate.err());
    }

    @Test
    void aRegressionTargetIsPredictedAsANumberAndSummaryReadsTheCsv() throws IOException {
        csv();
        Path file = directory.resolve("regression.yaml");
        Files.writeString(file, """
                data: {csv: data.csv, target: size, features: [x, color], test_split: 0.25}
                model: {sequential: [{type: dense, units: 1}]}
                training: {loss: mse, epochs: 2}
                output: %s
                """.formatted(directory.resolve("regression")));
        Files.writeString(directory.resolve("rows.csv"), "x,color\n0.5,red\n");

        Run train = Run.nabla("train", file.toString());
        Run predict = Run.nabla("predict", directory.resolve("regression/best.nabla").toString(),
                directory.resolve("rows.csv").toString());
        Run summary = Run.nabla("summary", file.toString());

        assertEquals(0, train.exitCode(), train.err());
        assertTrue(predict.out().matches(".*rows.csv:row 1: size -?[0-9.]+(e[-+][0-9]+)?\\n"), predict.out());
        assertTrue(summary.out().contains("(None, 1)"), summary.out() + summary.err());
        Files.writeString(file, Files.readString(file).replace("target: size, features: [x, color]",
                "target: x, features: [size, color]"));
        assertEquals("nabla train: " + file + ":1: data: the target column 'x' has 10 missing values (the first in"
                + " row 0 of " + directory.resolve("data.csv") + "); every example needs its target: drop those rows\n",
                Run.nabla("train", file.toString()).err());
    }
}
