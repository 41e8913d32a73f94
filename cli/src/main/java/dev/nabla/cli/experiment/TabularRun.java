package dev.nabla.cli.experiment;

import dev.nabla.data.Fold;
import dev.nabla.data.KFold;
import dev.nabla.data.Split;
import dev.nabla.data.SplitIndices;
import dev.nabla.data.Splits;
import dev.nabla.data.StratifiedKFold;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import dev.nabla.tabular.CrossValidation;
import dev.nabla.tabular.CrossValidationResult;
import dev.nabla.tabular.LabelEncoder;
import dev.nabla.tabular.Preprocessing;
import dev.nabla.tabular.Table;
import dev.nabla.tabular.TargetEncoding;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Names;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs an experiment on a CSV file: reads the table, then either trains once and tests on the
 * held-out {@code test_split} (writing the files of any run, the model files with the fitted
 * preprocessing), or cross-validates: a fresh preprocessing and a fresh model, seeded alike,
 * for each fold, the fold table on the console and in {@code metrics.json}.
 */
final class TabularRun {

    /** The files a cross-validation writes. */
    static final List<String> CROSS_VALIDATION_FILES = List.of("config.resolved.yaml", "metrics.json");

    private TabularRun() {
    }

    static Map<String, Double> run(Experiment experiment, PrintWriter out) throws IOException {
        CsvSpec csv = experiment.data().csv();
        Table table = csv.read(experiment.data().limit());
        TargetEncoding encoding = encoding(experiment.training().loss().name());
        Tensor labels = encoding.isClassification() ? TargetEncoding.LABELS.encode(table.column(csv.target()),
                new LabelEncoder().fit(table.column(csv.target()))) : null;
        return csv.crossValidation() == null ? holdOut(experiment, table, encoding, labels, out)
                : crossValidate(experiment, table, encoding, labels, out);
    }

    /** The features' width after preprocessing fitted on every row: the model's input for messages and summaries. */
    static int[] sampleShape(Experiment experiment) throws IOException {
        CsvSpec csv = experiment.data().csv();
        Table table = csv.read(experiment.data().limit());
        Preprocessing prep = preprocessing(csv, table, encoding(experiment.training().loss().name()));
        return new int[] {fit(csv, prep, table, table).features(table.rows(new int[] {0})).dim(1)};
    }

    private static Map<String, Double> holdOut(Experiment experiment, Table table, TargetEncoding encoding,
                                               Tensor labels, PrintWriter out) throws IOException {
        CsvSpec csv = experiment.data().csv();
        Generator generator = new Generator(experiment.training().seed());
        SplitIndices parts = labels != null ? Splits.stratifiedTrainTest(labels, csv.testSplit(), generator)
                : Splits.trainTest(table.rowCount(), csv.testSplit(), generator);
        Table train = table.rows(parts.train());
        Preprocessing prep = fit(csv, preprocessing(csv, table, encoding), train, table);
        Split split = new Split(prep.dataset(train), prep.dataset(table.rows(parts.test())));
        int[] sampleShape = DataSpec.sampleShapeOf(split);
        Layer network = ExperimentRun.build(experiment, sampleShape);
        return ExperimentRun.trainAndTest(experiment, network, split, sampleShape, prep.classNames(),
                CsvModelInputs.trainingState(csv.options(), prep), out);
    }

    private static Map<String, Double> crossValidate(Experiment experiment, Table table, TargetEncoding encoding,
                                                     Tensor labels, PrintWriter out) throws IOException {
        CsvSpec csv = experiment.data().csv();
        CsvSpec.CrossValidationSpec cv = csv.crossValidation();
        Generator shuffle = cv.shuffle() ? new Generator(cv.seed()) : null;
        List<Fold> folds = cv.stratified() && labels != null ? new StratifiedKFold(cv.folds(), shuffle).split(labels)
                : new KFold(cv.folds(), shuffle).split(table.rowCount());
        int[] sampleShape = {fit(csv, preprocessing(csv, table, encoding), table.rows(folds.get(0).train()), table)
                .features(table.rows(new int[] {0})).dim(1)};
        Layer first = ExperimentRun.build(experiment, sampleShape);
        out.printf(Locale.ROOT, "%s: %d rows, %d features after preprocessing; %d-fold %scross-validation%n",
                csv.file(), table.rowCount(), sampleShape[0], cv.folds(), labels != null && cv.stratified()
                        ? "stratified " : "");
        out.print(Summary.of(first, sampleShape));
        CrossValidationResult result;
        try {
            result = CrossValidation.run(folds, (k, train, test) -> {
                Map<String, Double> metrics = runFold(experiment, table, encoding, k, train, test);
                out.println("  " + ExperimentRun.testLine(metrics).replace("test ", ""));
                out.flush();
                return metrics;
            }, out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        out.print(result.table());
        ExperimentRun.writeResolved(experiment, sampleShape);
        Files.writeString(experiment.output().resolve("metrics.json"), result.toJson() + "\n");
        out.println("wrote " + experiment.output() + ": " + String.join(", ", CROSS_VALIDATION_FILES));
        out.flush();
        Map<String, Double> means = new LinkedHashMap<>();
        result.metricNames().forEach(name -> means.put(name, result.mean(name)));
        return means;
    }

    /** One fold: preprocessing fitted on its training rows, a fresh model seeded as the file says. */
    private static Map<String, Double> runFold(Experiment experiment, Table table, TargetEncoding encoding, int fold,
                                               int[] train, int[] test) {
        CsvSpec csv = experiment.data().csv();
        Table trainRows = table.rows(train);
        Preprocessing prep = fit(csv, preprocessing(csv, table, encoding), trainRows, table);
        TensorDataset trainSet = prep.dataset(trainRows);
        int[] sampleShape = DataSpec.sampleShapeOf(new Split(trainSet, trainSet));
        Layer.manualSeed(experiment.training().seed());
        Model model = ExperimentRun.compiled(experiment.model().build(sampleShape), experiment.training());
        List<Callback> callbacks = new ArrayList<>();
        experiment.training().callbacks().forEach(c -> callbacks.add(c.create(experiment.output().resolve("fold-" + (fold + 1)))));
        model.fit(trainSet, ExperimentRun.fitOptions(experiment).verbose(false)
                .callbacks(callbacks.toArray(Callback[]::new)));
        return model.evaluate(prep.dataset(table.rows(test)), experiment.training().batchSize());
    }

    private static Preprocessing preprocessing(CsvSpec csv, Table table, TargetEncoding encoding) {
        try {
            List<String> features = csv.featureNames(table);
            return new Preprocessing(features, csv.target(), csv.preprocessing().create(table, features), encoding);
        } catch (IllegalArgumentException e) {
            throw csv.node().error(e.getMessage());
        }
    }

    /** Fits on {@code train}, the classes from every row; a transform refusing the data is reported at the section. */
    private static Preprocessing fit(CsvSpec csv, Preprocessing prep, Table train, Table all) {
        try {
            return prep.fit(train, all.column(csv.target()));
        } catch (IllegalArgumentException e) {
            throw csv.node().error(e.getMessage());
        }
    }

    /** How the loss wants its targets. */
    static TargetEncoding encoding(String loss) {
        String name = Names.normalized(loss);
        if (name.startsWith("sparsecategorical")) {
            return TargetEncoding.LABELS;
        }
        if (name.startsWith("binary") || name.equals("bce")) {
            return TargetEncoding.BINARY;
        }
        return name.startsWith("categorical") ? TargetEncoding.ONE_HOT : TargetEncoding.VALUES;
    }
}
