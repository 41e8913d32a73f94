package dev.nabla.cli;

import dev.nabla.cli.experiment.CsvModelInputs;
import dev.nabla.cli.experiment.ModelFiles;
import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.cli.experiment.TextModelInputs;
import dev.nabla.cli.experiment.TimeseriesModelInputs;
import dev.nabla.data.text.TextEncoder;
import dev.nabla.io.ModelFile;
import dev.nabla.tabular.Preprocessing;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.DTypePolicy;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla predict MODEL INPUT...}: the most likely classes of each input, with their probabilities. */
@Command(name = "predict", description = "Print the most likely classes, with their probabilities, that a model"
        + " file gives images (PNG, JPEG, ...; scaled to the model's input), the samples of a .safetensors file, or"
        + " the rows of a CSV file (for a model trained on one; prepared as in training), or texts given with --text"
        + " (for a model trained on data.text; encoded as in training); for a model trained on a series"
        + " (data.timeseries), the forecasts from the last windows of a CSV file, in the series' units.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.nabla), or an ONNX file (.onnx).")
    private Path file;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT",
            description = "Images, .safetensors files holding one sample or a batch per tensor, or CSV files.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = "--text", paramLabel = "TEXT", description = "A text to classify, for a model trained on"
            + " labelled texts (data.text); repeat for several.")
    private List<String> texts = new ArrayList<>();

    @Option(names = "--last", defaultValue = "1", paramLabel = "N", description = "For a model trained on a series"
            + " (data.timeseries): forecast from the last N windows of each CSV file (default: ${DEFAULT-VALUE}, the"
            + " forecast after the series' end).")
    private int last;

    @Option(names = "--top", defaultValue = "3", paramLabel = "K",
            description = "How many classes to show per input (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--invert", description = "Invert images (1 - pixel): the built-in data sets are light on dark,"
            + " photos and drawings usually dark on light.")
    private boolean invert;

    @Option(names = "--dtype-policy", defaultValue = "float32", paramLabel = "POLICY",
            description = "Compute in mixed_bfloat16 or mixed_float16 (Keras's names): the products in half precision"
                    + " with float32 accumulation (default: ${DEFAULT-VALUE}).")
    private String dtypePolicy;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W",
            description = "One sample's shape, for a model file that does not record it (one saved from Java"
                    + " before it saw data) and whose first layer does not tell it.")
    private int[] inputShape;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        if (inputs.isEmpty() && texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one INPUT file or --text TEXT");
        }
        ModelFile.LoadedModel loaded = ModelFiles.load(file);
        TimeseriesModelInputs series = TimeseriesModelInputs.of(loaded.trainingState());
        if (series != null) {
            return forecasts(loaded, series);
        }
        ModelInfo info = ModelInfo.of(loaded);
        int[] sampleShape = inputShape != null ? inputShape : info.inputShape();
        if (sampleShape == null) {
            sampleShape = PredictionInputs.imageShapeOfConvolution(loaded.model());
        }
        for (Path input : inputs) {
            PredictionInputs.checkReadable(input);
            if (sampleShape == null && !CsvModelInputs.isCsv(input.toString())
                    && !input.getFileName().toString().endsWith(".safetensors")) {
                throw new ParameterException(spec.commandLine(), file + " does not record the shape of its input, and"
                        + " its first layer does not tell it; give one sample's shape with --input-shape, e.g."
                        + " --input-shape 1,28,28 for 28x28 grey images");
            }
        }
        List<PredictionInputs.Input> samples = new ArrayList<>();
        for (Path input : inputs) {
            samples.addAll(CsvModelInputs.isCsv(input.toString()) ? csvRows(input, loaded)
                    : PredictionInputs.read(input, sampleShape, invert));
        }
        samples.addAll(textSamples(loaded));
        Tensor outputs = new Model(loaded.model()).dtypePolicy(policy()).predict(
                Tensor.stack(0, samples.stream().map(PredictionInputs.Input::sample).toArray(Tensor[]::new)));
        if (outputs.rank() != 2) {
            throw new IllegalArgumentException(file + ": the model gives outputs of shape " + outputs.shape()
                    + ", not one score per class");
        }
        PrintWriter out = spec.commandLine().getOut();
        Preprocessing preprocessing = Preprocessing.fromTrainingState(loaded.trainingState());
        if (preprocessing != null && !preprocessing.targetEncoding().isClassification()) {
            for (int i = 0; i < samples.size(); i++) {
                out.printf(Locale.ROOT, "%s: %s %.6g%n", samples.get(i).label(), preprocessing.target(),
                        outputs.slice(0, i, i + 1).toFloatArray()[0]);
            }
            out.flush();
            return 0;
        }
        if (outputs.dim(1) == 1 && isProbability(outputs)) {
            // One sigmoid output: the probability of class 1, beside that of class 0.
            outputs = Tensor.concat(1, outputs.neg().add(1f), outputs);
        } else if (!areProbabilities(outputs)) {
            out.println("(the model gives scores, not probabilities: shown through softmax)");
            outputs = outputs.softmax(1);
        }
        for (int i = 0; i < samples.size(); i++) {
            out.println(samples.get(i).label() + ": " + topClasses(outputs.slice(0, i, i + 1).toFloatArray(),
                    info.classNames()));
        }
        out.flush();
        return 0;
    }

    /**
     * The forecasts from the last {@code --last} windows of each CSV file, made and scaled as in
     * training, in the series' units: {@code series.csv: 'level' at row 241: 324.1523}, with the
     * actual value when the file holds that row.
     */
    private int forecasts(ModelFile.LoadedModel loaded, TimeseriesModelInputs series) throws IOException {
        if (!texts.isEmpty() || inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), file + " forecasts a series (data.timeseries): give CSV"
                    + " files with the column" + (series.columns().size() == 1 ? " " : "s ") + series.columns()
                    + (texts.isEmpty() ? "" : ", not --text"));
        }
        if (last < 1) {
            throw new ParameterException(spec.commandLine(), "--last must be at least 1, got " + last);
        }
        PrintWriter out = spec.commandLine().getOut();
        Model model = new Model(loaded.model()).dtypePolicy(policy());
        for (Path input : inputs) {
            PredictionInputs.checkReadable(input);
            TimeseriesModelInputs.Series values = series.read(input, series.window() + last - 1,
                    "forecasting from the last " + last + " window(s)");
            float[] forecasts = series.inSeriesUnits(model.predict(series.lastWindows(values, last))).toFloatArray();
            for (int i = 0; i < last; i++) {
                int step = values.steps() - last + i + series.horizon();   // 0-based step forecast
                out.printf(Locale.ROOT, "%s: '%s' at row %d: %.4f%s%n", input, series.target(), step + 1,
                        forecasts[i], step < values.steps() ? String.format(Locale.ROOT, " (actual %.4f)",
                                values.rawTarget()[step]) : "");
            }
        }
        out.flush();
        return 0;
    }

    /** {@code 9 Ankle boot 0.9312, 7 Sneaker 0.0521, 5 Sandal 0.0101}. */
    private String topClasses(float[] probabilities, List<String> classNames) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble(c -> -probabilities[c])).limit(top)
                .map(c -> String.format(Locale.ROOT, "%d%s %.4f", c,
                        classNames != null && c < classNames.size() ? " " + classNames.get(c) : "", probabilities[c]))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** Each row of a CSV file, prepared as the model's training rows were, labelled {@code file:row N}. */
    private List<PredictionInputs.Input> csvRows(Path input, ModelFile.LoadedModel loaded) throws IOException {
        Tensor features = CsvModelInputs.preprocessing(file, loaded.trainingState())
                .features(CsvModelInputs.rows(input, loaded.trainingState()));
        List<PredictionInputs.Input> rows = new ArrayList<>();
        for (int i = 0; i < features.dim(0); i++) {
            rows.add(new PredictionInputs.Input(input + ":row " + (i + 1), features.slice(0, i, i + 1).squeeze(0)));
        }
        return rows;
    }

    /** The --text inputs, encoded as the model's training texts were, labelled by the text in quotes. */
    private List<PredictionInputs.Input> textSamples(ModelFile.LoadedModel loaded) {
        if (texts.isEmpty()) {
            return List.of();
        }
        TextEncoder encoder = TextModelInputs.encoder(loaded.trainingState());
        if (encoder == null) {
            throw new ParameterException(spec.commandLine(), file + " was not trained on labelled texts (data.text), so"
                    + " it holds no vocabulary to read --text with");
        }
        List<PredictionInputs.Input> samples = new ArrayList<>();
        for (String text : texts) {
            if (encoder.tokenizer().tokenize(text).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--text '" + text + "' holds no token to classify");
            }
            samples.add(new PredictionInputs.Input("\"" + text + "\"", encoder.encode(text)));
        }
        return samples;
    }

    /** Whether every value is in [0, 1]. */
    private static boolean isProbability(Tensor outputs) {
        for (float p : outputs.toFloatArray()) {
            if (!(p >= 0 && p <= 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every row is non-negative and sums to 1. */
    private static boolean areProbabilities(Tensor outputs) {
        float[] values = outputs.toFloatArray();
        int classes = outputs.dim(1);
        for (int row = 0; row < outputs.dim(0); row++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float p = values[row * classes + c];
                if (p < 0) {
                    return false;
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    private DTypePolicy policy() {
        try {
            return DTypePolicy.of(dtypePolicy);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--dtype-policy: " + e.getMessage());
        }
    }
}
