package dev.nabla.cli;

import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.explain.GradCam;
import dev.nabla.explain.ImageLime;
import dev.nabla.explain.IntegratedGradients;
import dev.nabla.explain.LimeExplanation;
import dev.nabla.explain.Saliency;
import dev.nabla.explain.Segmentation;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nabla explain MODEL IMAGE}: why an image model predicts what it does, as a heatmap over
 * the image; {@code nabla explain MODEL --data CSV --row N --method lime}: LIME's weights of a
 * CSV model's columns for one row.
 */
@Command(name = "explain", description = "Explain an image model's prediction: print its top classes and write a"
        + " PNG of the image with a heatmap of what drove the target class's score (saliency, integrated gradients,"
        + " Grad-CAM or LIME). For a model trained on a CSV file, --data CSV --row N --method lime prints LIME's"
        + " weights of the row's columns and the surrogate's R² (--output: a bar chart).")
final class ExplainCommand implements Callable<Integer> {

    /** The methods, by their name on the command line. */
    enum Method { saliency, ig, gradcam, lime }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (.nabla) of an image classifier.")
    private Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE",
            description = "An image (PNG, JPEG, GIF, BMP); none with --data.")
    private Path image;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "gradcam",
            description = "saliency (|gradient|), ig (integrated gradients from a black image), gradcam (Grad-CAM on"
                    + " a convolution) or lime (LIME on SLIC superpixels); default: ${DEFAULT-VALUE}.")
    private Method method;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "Grad-CAM's layer, by its path in the model (default: the last 2-D convolution).")
    private String layer;

    @Option(names = "--target", paramLabel = "CLASS", description = "The class to explain (default: the predicted one).")
    private Integer target;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + IntegratedGradients.DEFAULT_STEPS,
            description = "Integrated gradients' steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000",
            description = "LIME's perturbed images or rows (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--data", paramLabel = "CSV", description = "For a model trained on a CSV file: a CSV file with"
            + " its feature columns, read and prepared as in training; its rows' statistics scale LIME's"
            + " perturbations (use the training file).")
    private Path data;

    @Option(names = "--row", paramLabel = "N", defaultValue = "1",
            description = "With --data: the row to explain, from 1 (default: ${DEFAULT-VALUE}).")
    private int row;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10",
            description = "With --data: how many columns to print, largest weight first (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "50",
            description = "LIME's superpixels, about (default: ${DEFAULT-VALUE}).")
    private int segments;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "LIME's seed: the same seed gives the same picture (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--invert", description = "Invert the image (1 - pixel), as for predict: the built-in data sets are"
            + " light on dark.")
    private boolean invert;

    @Option(names = "--output", paramLabel = "FILE", description = "The PNG to write (required for an image).")
    private Path output;

    private String limeSummary;

    @Override
    public Integer call() throws IOException {
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        ModelInfo info = ModelInfo.of(loaded);
        if (data != null) {
            return explainRow(loaded);
        }
        if (image == null || output == null) {
            throw new ParameterException(spec.commandLine(), "give an IMAGE and --output FILE, or --data CSV (with"
                    + " --method lime) for a model trained on a CSV file");
        }
        int[] sampleShape = info.inputShape() != null ? info.inputShape()
                : PredictionInputs.imageShapeOfConvolution(loaded.model());
        PredictionInputs.checkReadable(image);
        Tensor sample = PredictionInputs.image(image, sampleShape, invert);
        Tensor input = sample.reshape(1, sample.dim(0), sample.dim(1), sample.dim(2));
        Layer network = loaded.model();
        float[] probabilities = new Model(network).predict(input).toFloatArray();
        int explained = target != null ? target : IntStream.range(0, probabilities.length).boxed()
                .max(Comparator.comparingDouble(c -> probabilities[c])).orElseThrow();
        if (explained < 0 || explained >= probabilities.length) {
            throw new ParameterException(spec.commandLine(), "--target must be a class from 0 to "
                    + (probabilities.length - 1) + ", got " + explained);
        }
        Tensor map = heatmap(network, input, explained);
        ImageIO.write(ExplanationImage.overlay(sample, map.toFloatArray()), "png", output.toFile());
        PrintWriter out = spec.commandLine().getOut();
        out.println(image + ": " + top(probabilities, info.classNames()));
        out.println("explained class " + explained + " with " + describe() + "; wrote " + output);
        out.flush();
        return 0;
    }

    /** The explanation as one value per pixel, {@code [height, width]}: larger means more important. */
    private Tensor heatmap(Layer network, Tensor input, int explained) {
        int height = input.dim(2);
        int width = input.dim(3);
        return switch (method) {
            case saliency -> Saliency.attribute(network, input, explained).sum(1).reshape(height, width);
            case ig -> {
                if (steps < 1) {
                    throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
                }
                yield new IntegratedGradients(network).steps(steps).attribute(input, explained).attributions().sum(1)
                        .abs().reshape(height, width);
            }
            case gradcam -> {
                String name = layer != null ? layer : lastConvolution(network);
                if (name == null) {
                    throw new ParameterException(spec.commandLine(), file + " has no 2-D convolution for gradcam;"
                            + " name a layer with --layer, or use --method saliency or ig");
                }
                layer = name;
                GradCam gradCam = new GradCam(network, name).relu(true);
                yield GradCam.upsample(gradCam.attribute(input, explained), height, width).reshape(height, width);
            }
            case lime -> {
                if (samples < 10 || segments < 1) {
                    throw new ParameterException(spec.commandLine(), "--samples must be at least 10 and --segments at"
                            + " least 1, got " + samples + " and " + segments);
                }
                Tensor image = input.reshape(input.dim(1), height, width);
                Segmentation cut = Segmentation.slic(image, segments, 0.1, 10);
                LimeExplanation explanation = new ImageLime(network).samples(samples).seed(seed)
                        .explain(image, explained, cut);
                limeSummary = String.format(Locale.ROOT, "LIME (%d SLIC segments, %d samples, seed %d; surrogate R² %.3f)",
                        cut.count(), samples, seed, explanation.score());
                yield ImageLime.heatmap(explanation, cut);
            }
        };
    }

    /** LIME on row {@code --row} of {@code --data}: prints the top weights, writes a bar chart with --output. */
    private int explainRow(ModelFile.LoadedModel loaded) throws IOException {
        if (image != null || method != Method.lime) {
            throw new ParameterException(spec.commandLine(), "--data explains a CSV row with --method lime only"
                    + (image != null ? ", and takes no IMAGE" : ", not --method " + method));
        }
        if (samples < 10 || top < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 10 and --top at least 1,"
                    + " got " + samples + " and " + top);
        }
        TabularExplanation tabular = new TabularExplanation(data, row, target, samples, seed, top);
        TabularExplanation.Result result;
        try {
            result = tabular.explain(file, loaded);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        tabular.print(out, result);
        if (output != null) {
            ImageIO.write(FeatureBarChart.draw(result.top()), "png", output.toFile());
            out.println("wrote " + output);
        }
        out.flush();
        return 0;
    }

    private String describe() {
        return switch (method) {
            case saliency -> "saliency";
            case ig -> "integrated gradients (" + steps + " steps, black baseline)";
            case gradcam -> "Grad-CAM on layer " + layer;
            case lime -> limeSummary;
        };
    }

    /** The path of the last Conv2d among the model's layers (Sequentials, graphs, residual blocks); null if none. */
    static String lastConvolution(Layer network) {
        String last = null;
        for (Map.Entry<String, Layer> entry : LayerPaths.of(network).entrySet()) {
            if (entry.getValue() instanceof Conv2d) {
                last = entry.getKey();
            }
        }
        return last;
    }

    static String top(float[] probabilities, List<String> classNames) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble(c -> -probabilities[c])).limit(3)
                .map(c -> String.format(Locale.ROOT, "%d%s %.4f", c,
                        classNames != null && c < classNames.size() ? " " + classNames.get(c) : "", probabilities[c]))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
