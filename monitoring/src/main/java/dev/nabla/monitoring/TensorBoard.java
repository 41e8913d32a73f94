package dev.nabla.monitoring;

import dev.nabla.metrics.ConfusionMatrix;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizer;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Callback;
import dev.nabla.train.LayerStatistics;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a run as TensorBoard reads it (Keras's {@code TensorBoard} callback): under the run's
 * directory, {@code train/} gets {@code batch_<name>} scalars every {@link #updateFrequency}
 * updates (with {@code batch_learning_rate} and {@code gradient_norm/<parameter>}), the
 * {@code epoch_<name>} scalars of each epoch and, every {@link #histogramFrequency} epochs,
 * histograms of every weight ({@code <parameter>}) and gradient ({@code <parameter>/gradient});
 * {@code validation/} gets the {@code val_} values as {@code epoch_<name>} and the confusion
 * matrix image. The model summary and any {@link #text} go to {@code train/} as text, the
 * {@link #hyperparameters} to the run directory itself as hparams session records.
 * Steps are optimizer updates ({@link Model#globalStep}) for batches and epochs for epochs.
 * With {@link #layerStatistics}, each layer's diagnostics go to {@code train/} as
 * {@code layers/<statistic>/<layer>} and the warnings as the {@code warnings} text; with
 * {@link #predictions}, a few validation images and their predictions to {@code validation/}.
 */
public final class TensorBoard implements Callback {

    private final Path runDirectory;
    private int updateFrequency = 1;
    private int histogramFrequency = 1;
    private final Map<String, String> texts = new LinkedHashMap<>();
    private Map<String, ?> hyperparameters;
    private Tensor sampleImages;
    private Tensor validationInputs;
    private Tensor validationLabels;
    private LayerStatistics layerStatistics;
    private PredictionSamples predictionSamples;
    private int warningsWritten;

    private Model model;
    private SummaryWriter train;
    private SummaryWriter validation;
    private SummaryWriter session;
    private boolean gradientHistogramsDue;
    private int epoch;

    /** Writes into {@code runDirectory} ({@code train/}, {@code validation/}); one directory per run. */
    public TensorBoard(Path runDirectory) {
        this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
    }

    /** Batch scalars every {@code steps} updates (default 1; 0 writes epoch scalars only, Keras's {@code update_freq='epoch'}). */
    public TensorBoard updateFrequency(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("TensorBoard: updateFrequency must be 0 (epochs only) or more, got " + steps);
        }
        updateFrequency = steps;
        return this;
    }

    /** Weight and gradient histograms every {@code epochs} epochs (default 1; 0 for none). */
    public TensorBoard histogramFrequency(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("TensorBoard: histogramFrequency must be 0 (none) or more, got " + epochs);
        }
        histogramFrequency = epochs;
        return this;
    }

    /** The run's hyperparameters for the HPARAMS tab (numbers, booleans, strings). */
    public TensorBoard hyperparameters(Map<String, ?> values) {
        hyperparameters = Map.copyOf(values);
        return this;
    }

    /** Text shown under {@code tag} in the TEXT tab (Markdown), written when training begins. */
    public TensorBoard text(String tag, String markdown) {
        texts.put(tag, markdown);
        return this;
    }

    /** A grid of these images ({@code [n, channels, height, width]} or {@code [n, height, width]}) as {@code samples}. */
    public TensorBoard images(Tensor samples) {
        ImageGrids.requireImages(samples);
        sampleImages = samples;
        return this;
    }

    /** After each epoch, the confusion matrix of the model's predictions on {@code inputs} against class {@code labels [n]}. */
    public TensorBoard confusionMatrix(Tensor inputs, Tensor labels) {
        validationInputs = Objects.requireNonNull(inputs, "inputs");
        validationLabels = Objects.requireNonNull(labels, "labels");
        return this;
    }

    /**
     * Writes these per-layer diagnostics ({@link LayerStatistics}, whose hooks this callback calls,
     * so it need not be listed itself) and the warnings they print; the dashboard shows them as a
     * table. {@code null} for none.
     */
    public TensorBoard layerStatistics(LayerStatistics statistics) {
        layerStatistics = statistics;
        return this;
    }

    /**
     * After each epoch, these images ({@code [n, channels, height, width]}, a handful) with their
     * true class ({@code labels [n]}) and the model's prediction, for the dashboard's
     * "Validation predictions"; {@code classNames} (or null) names the classes.
     */
    public TensorBoard predictions(Tensor images, Tensor labels, List<String> classNames) {
        predictionSamples = new PredictionSamples(Objects.requireNonNull(images, "images"),
                Objects.requireNonNull(labels, "labels"), classNames);
        return this;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        if (layerStatistics != null) {
            layerStatistics.onTrainBegin(trained);
        }
        try {
            train = new SummaryWriter(runDirectory.resolve("train"));
            if (hyperparameters != null) {
                session = new SummaryWriter(runDirectory);
                session.hparamsSessionStart(hyperparameters);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot create event files under " + runDirectory, e);
        }
        try {
            train.text("model/summary", indented(model.summary()), 0);
        } catch (IllegalStateException | IllegalArgumentException e) {
            train.text("model/summary", "(no summary: " + e.getMessage() + ")", 0);   // a shape the table cannot tell
        }
        texts.forEach((tag, text) -> train.text(tag, text, 0));
        if (sampleImages != null) {
            train.image("samples", ImageGrids.grid(sampleImages), 0);
        }
    }

    @Override
    public void onEpochBegin(int current) {
        epoch = current;
        gradientHistogramsDue = histogramDue(current);
    }

    @Override
    public void onTrainBatchBegin(int batch) {
        if (layerStatistics != null) {
            layerStatistics.onTrainBatchBegin(batch);
        }
    }

    @Override
    public void onGradients(Model trained) {
        if (layerStatistics != null) {
            layerStatistics.onGradients(trained);
        }
        long step = trained.globalStep() + 1;
        boolean scalarsDue = updateFrequency > 0 && step % updateFrequency == 0;
        if (!scalarsDue && !gradientHistogramsDue) {
            return;
        }
        double total = 0;
        for (Map.Entry<String, Parameter> entry : trained.network().namedParameters().entrySet()) {
            Tensor gradient = entry.getValue().grad();
            if (gradient == null) {
                continue;
            }
            float[] values = gradient.toFloatArray();
            double squares = 0;
            for (float value : values) {
                squares += (double) value * value;
            }
            total += squares;
            if (scalarsDue) {
                train.scalar("gradient_norm/" + entry.getKey(), Math.sqrt(squares), step);
            }
            if (gradientHistogramsDue) {
                train.histogram(entry.getKey() + "/gradient", values, epoch);
            }
        }
        if (scalarsDue) {
            train.scalar("gradient_norm", Math.sqrt(total), step);
        }
        gradientHistogramsDue = false;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (layerStatistics != null) {
            writeLayerStatistics(batch, logs);
        }
        long step = model.globalStep();
        if (updateFrequency == 0 || step == 0 || step % updateFrequency != 0) {
            return;
        }
        logs.forEach((name, value) -> train.scalar("batch_" + name, value, step));
        Map<String, Optimizer> optimizers = model.optimizers();
        optimizers.forEach((name, optimizer) -> train.scalar(optimizers.size() == 1 ? "batch_learning_rate"
                : "batch_" + name + "_learning_rate", optimizer.learningRate(), step));
    }

    @Override
    public void onEpochEnd(int current, Map<String, Double> logs) {
        if (layerStatistics != null) {
            layerStatistics.onEpochEnd(current, logs);
            writeWarnings(current);
        }
        if (predictionSamples != null) {
            predictionSamples.write(model, validation(), current);
        }
        logs.forEach((name, value) -> {
            if (name.startsWith("val_")) {
                validation().scalar("epoch_" + name.substring(4), value, current);
            } else {
                train.scalar("epoch_" + name, value, current);
            }
        });
        if (histogramDue(current)) {
            model.network().namedParameters().forEach((name, parameter) ->
                    train.histogram(name, parameter.value().toFloatArray(), current));
        }
        if (validationInputs != null) {
            validation().image("confusion_matrix", ConfusionMatrixImage.render(confusionMatrix()), current);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (layerStatistics != null) {
            layerStatistics.onTrainEnd(logs);
        }
        if (session != null) {
            session.hparamsSessionEnd(!logs.isEmpty() && logs.values().stream().allMatch(Double::isFinite));
        }
        try {
            for (SummaryWriter writer : new SummaryWriter[] {train, validation, session}) {
                if (writer != null) {
                    writer.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot close the event files under " + runDirectory, e);
        } finally {
            train = null;
            validation = null;
            session = null;
        }
    }

    private void writeLayerStatistics(int batch, Map<String, Double> logs) {
        long before = layerStatistics.latestStep();
        layerStatistics.onTrainBatchEnd(batch, logs);
        long step = layerStatistics.latestStep();
        if (step != before) {
            layerStatistics.latest().forEach((layer, values) -> {
                String name = layer.isEmpty() ? "(model)" : layer;
                scalarIfKnown("layers/activation_mean/" + name, values.activationMean(), step);
                scalarIfKnown("layers/activation_std/" + name, values.activationStd(), step);
                scalarIfKnown("layers/dead_fraction/" + name, values.deadFraction(), step);
                scalarIfKnown("layers/gradient_norm/" + name, values.gradientNorm(), step);
                scalarIfKnown("layers/weight_norm/" + name, values.weightNorm(), step);
                scalarIfKnown("layers/update_ratio/" + name, values.updateRatio(), step);
            });
        }
        writeWarnings(step);
    }

    private void scalarIfKnown(String tag, double value, long step) {
        if (!Double.isNaN(value)) {
            train.scalar(tag, value, step);
        }
    }

    private void writeWarnings(long step) {
        List<String> warnings = layerStatistics.warnings().printed();
        if (warnings.size() > warningsWritten) {
            warningsWritten = warnings.size();
            train.text("warnings", String.join("\n\n", warnings), step);
        }
    }

    private boolean histogramDue(int current) {
        return histogramFrequency > 0 && (current + 1) % histogramFrequency == 0;
    }

    private long[][] confusionMatrix() {
        Tensor predictions = model.predict(validationInputs);
        ConfusionMatrix matrix = new ConfusionMatrix(predictions.dim(predictions.shape().rank() - 1));
        matrix.update(predictions, validationLabels, null);
        return matrix.matrix();
    }

    private SummaryWriter validation() {
        if (validation == null) {
            try {
                validation = new SummaryWriter(runDirectory.resolve("validation"));
            } catch (IOException e) {
                throw new UncheckedIOException("TensorBoard: cannot create an event file under " + runDirectory, e);
            }
        }
        return validation;
    }

    /** Four spaces before each line: Markdown's code block, so the summary table keeps its columns. */
    private static String indented(String text) {
        return text.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
