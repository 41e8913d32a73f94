package dev.nabla.cli;

import dev.nabla.cli.experiment.CsvModelInputs;
import dev.nabla.cli.experiment.DataSpec;
import dev.nabla.cli.experiment.ImageFolderSpec;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.tensor.AdvisedException;
import dev.nabla.cli.experiment.LossSpec;
import dev.nabla.cli.experiment.MetricSpec;
import dev.nabla.cli.experiment.ModelFiles;
import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.cli.experiment.TextModelInputs;
import dev.nabla.cli.experiment.TimeseriesModelInputs;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.JsonWriter;
import dev.nabla.io.ModelFile;
import dev.nabla.metrics.Metric;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.DTypePolicy;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla evaluate MODEL --data SPEC}: a model file's loss and metrics on a data set. */
@Command(name = "evaluate", description = "Test a model file on a data set and print its loss and metrics.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A model file (.nabla), e.g. runs/fashion-mnist-mlp/best.nabla, or an ONNX file (.onnx).")
    private Path file;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "The data: digits, fashion-mnist,"
            + " mnist or a directory of MNIST-format files, then :test (the default) or :train, e.g. fashion-mnist:test;"
            + " or a CSV file with the columns of the one the model was trained on, prepared as in training;"
            + " or a folder of images in one sub-folder per class, scaled to the model's input;"
            + " or, for a model trained on labelled texts, a CSV or JSON file of texts and labels in its"
            + " columns;"
            + " or, for a model trained on a series, a CSV file of the series' columns, one step per row.")
    private String data;

    @Option(names = "--json", description = "Print one JSON object, {\"loss\": ..., \"accuracy\": ...}.")
    private boolean json;

    @Option(names = "--loss", paramLabel = "LOSS",
            description = "The loss: a name, or with options as in an experiment file,"
                    + " '{name: sparse_categorical_crossentropy, from_logits: true}' (default: the one the model was"
                    + " trained with, else sparse_categorical_crossentropy).")
    private String loss;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME",
            description = "Metrics, comma-separated, a name with an average as f1:macro (binary, macro, micro,"
                    + " weighted; for precision, recall, f1 and auc) (default: the model's, else accuracy).")
    private List<String> metrics;

    @Option(names = "--dtype-policy", defaultValue = "float32", paramLabel = "POLICY",
            description = "Compute in mixed_bfloat16 or mixed_float16 (Keras's names): the products in half precision"
                    + " with float32 accumulation (default: ${DEFAULT-VALUE}).")
    private String dtypePolicy;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "Samples per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    /** The data's samples against the shape the model was trained on, before any layer sees them. */
    private void requireShape(int[] modelShape, TensorDataset dataset) {
        int[] dataShape = dataset.features().shape().toArray();
        int[] sample = java.util.Arrays.copyOfRange(dataShape, 1, dataShape.length);
        if (modelShape != null && !java.util.Arrays.equals(modelShape, sample)) {
            throw new IllegalArgumentException(file + " takes samples of shape " + java.util.Arrays.toString(modelShape)
                    + ", but " + data + " gives " + java.util.Arrays.toString(sample) + "; evaluate it on data like"
                    + " the data it was trained on");
        }
    }

    @Override
    public Integer call() throws IOException {
        ModelFile.LoadedModel loaded = ModelFiles.load(file);
        ModelInfo info = ModelInfo.of(loaded);
        LossSpec lossSpec = loss != null ? LossSpec.parse(YamlFile.parse(loss, "--loss"))
                : info.loss() != null ? info.loss() : LossSpec.named("sparse_categorical_crossentropy");
        List<String> metricNames = metrics != null ? metrics : info.metrics() != null ? info.metrics()
                : List.of("accuracy");
        List<Metric> compiled = new ArrayList<>();
        metricNames.forEach(name -> compiled.add(MetricSpec.of(name).create()));
        boolean texts = TextModelInputs.encoder(loaded.trainingState()) != null && TextModelInputs.isTextFile(data);
        TimeseriesModelInputs series = TimeseriesModelInputs.of(loaded.trainingState());
        TensorDataset dataset = series != null && CsvModelInputs.isCsv(data) ? series.dataset(Path.of(data))
                : texts ? TextModelInputs.dataset(Path.of(data), file, loaded.trainingState(),
                info.classNames(), lossSpec.name())
                : CsvModelInputs.isCsv(data)
                ? CsvModelInputs.dataset(Path.of(data), file, loaded.trainingState())
                : ImageFolderSpec.isImageFolder(Path.of(data))
                ? ImageFolderSpec.readAll(Path.of(data), info.inputShape(), info.classNames()) : DataSpec.select(data);
        requireShape(info.inputShape(), dataset);
        Model model = new Model(loaded.model()).dtypePolicy(policy());
        // evaluate needs a compiled model; the optimizer is never made.
        model.compile(Optimizers.byName("sgd"), lossSpec.create(), compiled.toArray(Metric[]::new));
        Map<String, Double> result;
        try {
            result = model.evaluate(dataset, batchSize);
        } catch (AdvisedException e) {
            throw new IllegalArgumentException(e.subject() + ": " + e.fileMessage() + "; --loss takes the same"
                    + " mapping, e.g. --loss '{name: " + lossSpec.name() + ", from_logits: true}'", e);
        }
        if (series != null && CsvModelInputs.isCsv(data)) {
            result = new java.util.LinkedHashMap<>(result);
            result.put("mae_in_series_units", seriesError(model, series, dataset));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonWriter.writeLine(JsonWriter.finiteOrNull(result)));
        } else {
            out.printf(Locale.ROOT, "%s: %d examples%n", data, dataset.size());
            List<String> parts = new ArrayList<>();
            result.forEach((key, value) -> parts.add(String.format(Locale.ROOT, "%s %.4f", key, value)));
            out.println(String.join(", ", parts));
        }
        out.flush();
        return 0;
    }

    /** The mean absolute error of the forecasts in the series' units (the metrics are in training's scaled units). */
    private double seriesError(Model model, TimeseriesModelInputs series, TensorDataset windows) {
        Tensor forecasts = series.inSeriesUnits(model.predict(windows.features(), batchSize));
        Tensor actual = series.inSeriesUnits(windows.targets());
        return forecasts.sub(actual).abs().mean().item();
    }

    private DTypePolicy policy() {
        try {
            return DTypePolicy.of(dtypePolicy);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--dtype-policy: " + e.getMessage());
        }
    }
}
