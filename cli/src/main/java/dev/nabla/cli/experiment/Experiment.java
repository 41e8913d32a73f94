package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.cli.config.YamlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment file, read and checked: what data, what model, how to train it, and where
 * the run writes its files. See {@code docs/experiments.md} for the schema.
 *
 * @param source   the file's name as given, for messages
 * @param data     the {@code data} section
 * @param model    the {@code model} section
 * @param training the {@code training} section
 * @param output   the directory the run writes into ({@code runs/<file name>} by default)
 */
public record Experiment(String source, DataSpec data, ModelSpec model, TrainingSpec training, Path output,
                         ExportSpec export) {

    /**
     * The sections; {@code tune} belongs to {@code nabla tune} (docs/tuning.md), {@code serve} to
     * {@code nabla serve --config} (docs/serving.md) and {@code spark} ({@link SparkSpec}) says where to
     * train; a run ignores them.
     */
    static final List<String> KEYS = List.of("data", "model", "training", "output", "tune", "export", "serve",
            "spark");

    /** An experiment that exports nothing after training. */
    public Experiment(String source, DataSpec data, ModelSpec model, TrainingSpec training, Path output) {
        this(source, data, model, training, output, null);
    }

    /**
     * What the command line changes in a file: each null leaves the file's value.
     *
     * @param epochs the number of epochs
     * @param output the output directory
     * @param limit  the most examples used of each of the training and test sets
     * @param seed   the seed of the initial weights and of the shuffling
     */
    public record Overrides(Integer epochs, Path output, Integer limit, Long seed) {

        /** No change. */
        public static final Overrides NONE = new Overrides(null, null, null, null);

        /** The epochs, output and limit changed, the seed left as the file says. */
        public Overrides(Integer epochs, Path output, Integer limit) {
            this(epochs, output, limit, null);
        }
    }

    /** Reads and checks an experiment file. */
    public static Experiment read(Path file, Overrides overrides) throws IOException {
        return read(file, file.getParent(), overrides);
    }

    /** Reads and checks an experiment file whose relative data paths start from {@code base}. */
    public static Experiment read(Path file, Path base, Overrides overrides) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Experiment experiment = parse(YamlFile.read(file), Path.of("runs", name), overrides);
        return new Experiment(experiment.source, experiment.data.withBase(base), experiment.model.withBase(base),
                experiment.training, experiment.output, experiment.export);
    }

    /** Checks a parsed file; {@code defaultOutput} is used when the file names no output directory. */
    public static Experiment parse(ConfigNode root, Path defaultOutput, Overrides overrides) {
        ConfigMap map = root.asMap().allowOnly(KEYS);
        DataSpec data = DataSpec.parse(map.require("data"));
        if (overrides.limit() != null) {
            data = data.withLimit(overrides.limit());
        }
        ModelSpec model = ModelSpec.parse(map.require("model"));
        if (model.generative() == null) {
            map.require("training").asMap().require("loss");
        }
        TrainingSpec training = TrainingSpec.parse(map.require("training"), overrides.epochs());
        GenerativeRun.checkOptimizers(model.generative(), training, map.require("training"));
        if (overrides.seed() != null) {
            training = training.withSeed(overrides.seed());
        }
        Path output = overrides.output() != null ? overrides.output()
                : map.has("output") ? Path.of(map.get("output").asString()) : defaultOutput;
        ExportSpec export = map.has("export") ? ExportSpec.parse(map.get("export")) : null;
        if (map.has("spark")) {
            SparkSpec.parse(map.get("spark"));
        }
        return new Experiment(root.source(), data, model, training, output, export);
    }

    /** The same experiment writing TensorBoard event files into its output directory (for {@code train --dashboard}). */
    public Experiment withTensorBoard() {
        return new Experiment(source, data, model, training.withTensorBoard(), output, export);
    }

    /**
     * One sample's shape: the model's {@code input_shape}, else the built-in data set's; null if
     * neither says.
     *
     * @throws dev.nabla.cli.config.ConfigException at {@code input_shape} when it differs from the built-in data's
     */
    public int[] sampleShape() {
        model.checkDataShape(data.sampleShape());
        return model.inputShape() != null ? model.inputShape() : data.sampleShape();
    }

    /** The whole file with its defaults filled in, for {@code config.resolved.yaml}. */
    public Map<String, Object> resolved(int[] sampleShape) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data.resolved());
        out.put("model", model.resolved(sampleShape));
        out.put("training", training.resolved());
        out.put("output", output.toString());
        if (export != null) {
            out.put("export", export.resolved());
        }
        return out;
    }

    /** A float as the decimal it was written as (0.001f as 0.001, not 0.0010000000474974513). */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }
}
