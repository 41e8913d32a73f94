package dev.nabla.cli;

import dev.nabla.cli.experiment.CsvModelInputs;
import dev.nabla.explain.LimeExplanation;
import dev.nabla.explain.TabularLime;
import dev.nabla.io.ModelFile;
import dev.nabla.tabular.Preprocessing;
import dev.nabla.tabular.Table;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code nabla explain MODEL --data CSV --row N --method lime}: LIME on one row of a CSV file
 * for a model trained on a CSV file. The file's rows are read and prepared as in training
 * (the model file's preprocessing); their statistics after preprocessing scale LIME's
 * perturbations, and the weights are named by the prepared columns ({@code colour_red} for a
 * one-hot column).
 *
 * @param row the row to explain, 1-based as {@code nabla predict} numbers them
 * @param target the class to explain, or null for the predicted one
 */
record TabularExplanation(Path data, int row, Integer target, int samples, long seed, int top) {

    /** What was explained: the printed lines' facts, and the top weights. */
    record Result(String prediction, List<String> classNames, int explained, LimeExplanation explanation,
                  List<LimeExplanation.Feature> top) {
    }

    /** Explains row {@link #row} of {@link #data} for {@code loaded}, a model trained on a CSV file. */
    Result explain(Path file, ModelFile.LoadedModel loaded) throws IOException {
        Preprocessing preprocessing = CsvModelInputs.preprocessing(file, loaded.trainingState());
        PredictionInputs.checkReadable(data);
        Table prepared = preprocessing.transformed(CsvModelInputs.rows(data, loaded.trainingState()));
        Tensor rows = prepared.toTensor();
        if (row < 1 || row > rows.dim(0)) {
            throw new IllegalArgumentException("--row must be from 1 to " + rows.dim(0) + " (the rows of " + data
                    + "), got " + row);
        }
        Tensor instance = rows.slice(0, row - 1, row);
        float[] outputs = new Model(loaded.model()).predict(instance).toFloatArray();
        boolean oneProbability = outputs.length == 1 && outputs[0] >= 0 && outputs[0] <= 1
                && preprocessing.targetEncoding().isClassification();
        float[] probabilities = oneProbability ? new float[] {1 - outputs[0], outputs[0]} : outputs;
        int explained = target != null ? target : argmax(probabilities);
        if (explained < 0 || explained >= probabilities.length) {
            throw new IllegalArgumentException("--target must be a class from 0 to " + (probabilities.length - 1)
                    + ", got " + explained);
        }
        LimeExplanation explanation = new TabularLime(loaded.model(), rows).featureNames(prepared.columnNames())
                .samples(samples).seed(seed).explain(instance, oneProbability ? 0 : explained);
        if (oneProbability && explained == 0) {   // the output is class 1's probability: class 0's is 1 minus it
            double[] negated = Arrays.stream(explanation.weights()).map(w -> -w).toArray();
            explanation = new LimeExplanation(explanation.names(), negated, 1 - explanation.intercept(),
                    explanation.score());
        }
        List<String> classes = preprocessing.classNames();
        String prediction = preprocessing.targetEncoding().isClassification()
                ? ExplainCommand.top(probabilities, classes)
                : String.format(Locale.ROOT, "%s %.6g", preprocessing.target(), outputs[0]);
        return new Result(prediction, classes, explained, explanation, explanation.top(top));
    }

    /** Prints the row's prediction, what was explained, and the top weights, one a line. */
    void print(PrintWriter out, Result result) {
        List<String> classNames = result.classNames();
        out.println(data + ":row " + row + ": " + result.prediction());
        String name = classNames != null && result.explained() < classNames.size()
                ? " (" + classNames.get(result.explained()) + ")" : "";
        out.printf(Locale.ROOT, "explained %s with LIME (%d samples, seed %d; surrogate R² %.3f)%n",
                classNames != null ? "class " + result.explained() + name : "output " + result.explained(),
                samples, seed, result.explanation().score());
        int width = result.top().stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (LimeExplanation.Feature feature : result.top()) {
            out.printf(Locale.ROOT, "  %-" + width + "s %+.4f%n", feature.name(), feature.weight());
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
