package dev.nabla.cli.experiment;

import dev.nabla.data.TensorDataset;
import dev.nabla.tabular.Csv;
import dev.nabla.tabular.CsvOptions;
import dev.nabla.tabular.Preprocessing;
import dev.nabla.tabular.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CSV rows for a model trained on a CSV file: read as its training file was read, prepared
 * by the preprocessing fitted in training; both are kept in the model file's training state.
 */
public final class CsvModelInputs {

    /** The training-state key of the CSV reading options. */
    static final String OPTIONS_KEY = "tabular.csv_options";

    private CsvModelInputs() {
    }

    /** Whether {@code spec} names a CSV file. */
    public static boolean isCsv(String spec) {
        return spec.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** The training-state entries of a CSV run: the reading options and the fitted preprocessing. */
    static Map<String, String> trainingState(CsvOptions options, Preprocessing preprocessing) {
        Map<String, String> state = new LinkedHashMap<>(preprocessing.toTrainingState());
        state.put(OPTIONS_KEY, options.toJson());
        return state;
    }

    /** The file's rows with their targets, prepared as in training. */
    public static TensorDataset dataset(Path file, Path model, Map<String, String> trainingState) throws IOException {
        return preprocessing(model, trainingState).dataset(read(file, trainingState));
    }

    /** The file's rows, read as the training file was (the target column may be absent). */
    public static Table rows(Path file, Map<String, String> trainingState) throws IOException {
        return read(file, trainingState);
    }

    /** The preprocessing a model file holds. */
    public static Preprocessing preprocessing(Path model, Map<String, String> trainingState) {
        Preprocessing preprocessing = Preprocessing.fromTrainingState(trainingState);
        if (preprocessing == null) {
            throw new IllegalArgumentException(model + " was not trained on a CSV file (it holds no preprocessing),"
                    + " so it cannot read CSV rows");
        }
        return preprocessing;
    }

    private static Table read(Path file, Map<String, String> trainingState) throws IOException {
        String options = trainingState.get(OPTIONS_KEY);
        return Csv.read(file, options == null ? CsvOptions.defaults() : CsvOptions.fromJson(options));
    }
}
