package dev.nabla.cli.experiment;

import dev.nabla.data.Split;
import dev.nabla.io.JsonWriter;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import dev.nabla.optim.Plateau;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.train.Callback;
import dev.nabla.train.CsvLogger;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import dev.nabla.train.ModelCheckpoint;
import dev.nabla.train.ScheduledLearningRate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs an experiment: builds the model, trains it, tests it and writes the run's files into
 * the output directory: {@code config.resolved.yaml} (the file with its defaults filled in),
 * {@code history.csv} (one row per epoch), {@code best.nabla} and {@code last.nabla} (the
 * model at its lowest validation loss, or training loss without validation, and after the
 * last epoch), {@code metrics.json} (the final loss and metrics on the test set) and
 * {@code curves.png} (the curves over the epochs).
 */
public final class ExperimentRun {

    /** The files a run writes. */
    public static final List<String> FILES = List.of("config.resolved.yaml", "history.csv", "best.nabla", "last.nabla",
            "metrics.json", "curves.png");

    private ExperimentRun() {
    }

    /** Runs {@code experiment}, printing progress to {@code out}; returns the test loss and metrics (their means over folds). */
    public static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        Map<String, Double> test = train(experiment, out);
        if (experiment.export() != null) {
            experiment.export().write(experiment.output(), out);
        }
        return test;
    }

    private static Map<String, Double> train(Experiment experiment, PrintWriter out) throws IOException {
        if (experiment.data().csv() != null) {
            return TabularRun.run(experiment, out);
        }
        if (experiment.data().text() != null) {
            return TextRun.run(experiment, out);
        }
        if (experiment.data().timeseries() != null) {
            return TimeseriesRun.run(experiment, out);
        }
        if (experiment.data().seq2seq() != null) {
            return Seq2SeqRun.run(experiment, out);
        }
        if (experiment.data().corpus() != null) {
            return CorpusRun.run(experiment, out);
        }
        if (experiment.model().generative() != null) {
            return GenerativeRun.run(experiment, out);
        }
        Split split = null;
        int[] sampleShape = experiment.sampleShape();
        if (experiment.data().sampleShape() == null) {
            // Data read from files: its shape is known once loaded, and checked before any layer is built.
            split = experiment.data().load();
            experiment.model().checkDataShape(DataSpec.sampleShapeOf(split));
            sampleShape = DataSpec.sampleShapeOf(split);
        }
        Layer network = build(experiment, sampleShape);
        if (split == null) {
            split = experiment.data().load();
        }
        return trainAndTest(experiment, network, split, sampleShape, experiment.data().classNames(), Map.of(), out);
    }

    /** One sample's shape: the file's or the built-in data's, else read from the data (a CSV file after preprocessing). */
    public static int[] sampleShape(Experiment experiment) throws IOException {
        if (experiment.data().csv() != null) {
            return TabularRun.sampleShape(experiment);
        }
        if (experiment.data().text() != null) {
            return TextRun.sampleShape(experiment);
        }
        if (experiment.data().timeseries() != null) {
            return TimeseriesRun.sampleShape(experiment.data().timeseries());
        }
        if (experiment.data().seq2seq() != null) {
            return Seq2SeqRun.sampleShape(experiment);
        }
        if (experiment.data().corpus() != null) {
            return CorpusRun.sampleShape(experiment.data().corpus());
        }
        int[] shape = experiment.sampleShape();
        return shape != null ? shape : DataSpec.sampleShapeOf(experiment.data().load());
    }

    /** The model, seeded. */
    static Layer build(Experiment experiment, int[] sampleShape) {
        experiment.model().checkDataShape(sampleShape);
        Layer.manualSeed(experiment.training().seed());
        return experiment.model().build(sampleShape);
    }

    /** The output directory with {@code config.resolved.yaml} in it: written once the run is known to start. */
    static void writeResolved(Experiment experiment, int[] sampleShape) throws IOException {
        Files.createDirectories(experiment.output());
        Files.writeString(experiment.output().resolve("config.resolved.yaml"), yaml(experiment.resolved(sampleShape)));
    }

    /**
     * Trains {@code network} on {@code split.train()} and tests it on {@code split.test()}, writing
     * the run's files; {@code runState} goes into the model files beside the run's
     * {@link ModelInfo} (a CSV run's preprocessing).
     */
    static Map<String, Double> trainAndTest(Experiment experiment, Layer network, Split split, int[] sampleShape,
                                            List<String> classNames, Map<String, String> runState, PrintWriter out)
            throws IOException {
        TrainingSpec training = experiment.training();
        Path output = experiment.output();
        describe(experiment.data(), split, sampleShape, out);
        out.print(Summary.of(network, sampleShape));
        out.flush();

        Model model = compiled(network, training);
        FirstBatch.check(experiment, network, split.train());
        LearningRateSearch search = LearningRateSearch.active();
        if (search != null) {
            FitData data = FitData.of(experiment, split.train(), sampleShape, fitOptions(experiment));
            return search.search(model, data.training(), training.batchSize(), training.seed(), out);
        }
        writeResolved(experiment, sampleShape);
        Map<String, String> state = new LinkedHashMap<>(new ModelInfo(sampleShape, training.loss(), training.metrics(),
                classNames).toTrainingState());
        state.putAll(runState);
        List<Callback> callbacks = callbacks(experiment, state);
        PredictionSamplesSpec.give(experiment, callbacks, split, classNames);
        FitOptions options = fitOptions(experiment).callbacks(callbacks.toArray(Callback[]::new));
        FitData fitData = FitData.of(experiment, split.train(), sampleShape, options);
        History history;
        Map<String, Double> test;
        try {
            history = model.fit(fitData.training(), fitData.options());
            test = model.evaluate(split.test(), training.batchSize());
        } catch (AdvisedException e) {
            throw FirstBatch.inFileTerms(experiment, e);
        }
        Files.writeString(output.resolve("metrics.json"),
                JsonWriter.writeLine(JsonWriter.finiteOrNull(test)) + "\n");
        Curves.write(history, output.resolve("curves.png"));
        out.println(testLine(test));
        out.println("wrote " + output + ": " + String.join(", ", FILES));
        out.flush();
        return test;
    }

    /** A model of {@code network} compiled as the training section says. */
    static Model compiled(Layer network, TrainingSpec training) {
        Model model = new Model(network).dtypePolicy(training.dtypePolicy());
        model.compile(training.optimizer().factory(network), training.createLoss(), training.createMetrics());
        return model;
    }

    /** Epochs, batch size, validation split, shuffling, gradients and a per-update schedule as the file says. */
    static FitOptions fitOptions(Experiment experiment) {
        TrainingSpec training = experiment.training();
        FitOptions options = FitOptions.defaults().epochs(training.epochs()).batchSize(training.batchSize())
                .validationSplit(experiment.data().validationSplit()).shuffle(training.shuffle(), training.seed())
                .gradients(training.gradients());
        ScheduleSpec schedule = training.optimizer().schedule();
        return schedule == null ? options : options.callbacks(ScheduledLearningRate.perUpdate(schedule.factory()));
    }

    /**
     * The CSV log, the file's callbacks, then the model files (after any early stop has been
     * decided): {@code last.nabla} after every epoch, so an interrupted run keeps its last epoch,
     * and {@code best.nabla} whenever the monitored loss reaches a new low, both with the run's
     * {@code state} (its {@link ModelInfo}, a CSV run's preprocessing).
     */
    private static List<Callback> callbacks(Experiment experiment, Map<String, String> state) {
        List<Callback> callbacks = new ArrayList<>();
        Path output = experiment.output();
        callbacks.add(new CsvLogger(output.resolve("history.csv")));
        experiment.training().callbacks().forEach(c -> callbacks.add(c.create(output)));
        String monitor = experiment.data().validationSplit() > 0 ? "val_loss" : "loss";
        callbacks.add(new ModelCheckpoint(output.resolve("last.nabla")).trainingState(state));
        callbacks.add(new ModelCheckpoint(output.resolve("best.nabla")).monitor(monitor).mode(Plateau.Mode.MIN)
                .saveBestOnly(true).trainingState(state));
        return callbacks;
    }

    static void describe(DataSpec data, Split split, int[] sampleShape, PrintWriter out) {
        int validation = (int) Math.floor(split.train().size() * (double) data.validationSplit());
        out.printf(Locale.ROOT, "%s: %d training, %d validation and %d test examples of shape %s%n", data.title(),
                split.train().size() - validation, validation, split.test().size(), Arrays.toString(sampleShape));
    }

    /** {@code test accuracy 0.9123, test loss 0.2500}: the metrics, then the loss. */
    static String testLine(Map<String, Double> test) {
        List<String> parts = new ArrayList<>();
        test.forEach((k, v) -> {
            if (!k.equals("loss")) {
                parts.add(String.format(Locale.ROOT, "test %s %.4f", k, v));
            }
        });
        parts.add(String.format(Locale.ROOT, "test loss %.4f", test.get("loss")));
        return parts.stream().collect(Collectors.joining(", "));
    }

    /** Block-style YAML, with lists and mappings of plain values on one line ({@code input_shape: [1, 28, 28]}). */
    static String yaml(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setIndent(2);
        options.setWidth(120);
        return new Yaml(options).dump(document);
    }
}
