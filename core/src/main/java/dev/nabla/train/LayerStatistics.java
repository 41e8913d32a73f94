package dev.nabla.train;

import dev.nabla.nn.Dense;
import dev.nabla.nn.ForwardHook;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Relu;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Training diagnostics per layer, every {@link #frequency} updates: the mean and standard
 * deviation of each layer's output, the fraction of dead units of ReLU layers (channels that
 * are zero for every sample of the batch), and for layers with parameters the gradient norm
 * (before clipping), the weight norm and the update-to-weight ratio {@code ‖Δw‖ / ‖w‖} of the
 * step (around 1e-3 is healthy, as Karpathy's rule of thumb has it). Layers are named by their
 * path ({@link LayerPaths}), as their parameters' state-dict keys are.
 *
 * <p>Other callbacks read {@link #latest()} or register with {@link #onStatistics}; the
 * TensorBoard callback writes them for the dashboard. {@link TrainingWarnings} prints, once each,
 * warnings for vanishing and exploding gradients (naming the layer) and for a learning rate
 * that makes the loss rise.
 */
public final class LayerStatistics implements Callback {

    /**
     * One layer's statistics at one update; {@code NaN} where a value does not apply (no
     * parameters, not a ReLU, no output seen).
     */
    public record Values(double activationMean, double activationStd, double deadFraction, double gradientNorm,
                         double weightNorm, double updateRatio) {
    }

    private int frequency = 10;
    private final TrainingWarnings warnings = new TrainingWarnings();
    private final List<BiConsumer<Long, Map<String, Values>>> listeners = new ArrayList<>();

    private Model model;
    private final List<ForwardHook> hooks = new ArrayList<>();
    private boolean due;
    private final Map<String, double[]> activations = new LinkedHashMap<>();
    private final Map<String, Double> gradientNorms = new LinkedHashMap<>();
    private final Map<String, float[]> weightsBefore = new LinkedHashMap<>();
    private Map<String, Values> latest = Map.of();
    private long latestStep = -1;

    /** Statistics every {@code updates} optimizer updates (default 10). */
    public LayerStatistics frequency(int updates) {
        if (updates < 1) {
            throw new IllegalArgumentException("LayerStatistics: frequency must be at least 1 update, got " + updates);
        }
        frequency = updates;
        return this;
    }

    /** The warnings' thresholds and where they are printed. */
    public TrainingWarnings warnings() {
        return warnings;
    }

    /** Where the warnings are printed (default {@code System.err}). */
    public LayerStatistics warningsTo(PrintStream out) {
        warnings.printTo(out);
        return this;
    }

    /** Calls {@code listener} with the update's number and every layer's statistics whenever they are computed. */
    public LayerStatistics onStatistics(BiConsumer<Long, Map<String, Values>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Also appends every layer's statistics to {@code file}, a CSV with the columns
     * {@code update, layer, activation_mean, activation_std, dead_fraction, gradient_norm,
     * weight_norm, update_ratio} (empty where a value does not apply), written afresh by each run.
     */
    public LayerStatistics csvFile(Path file) {
        Objects.requireNonNull(file, "file");
        boolean[] started = {false};
        return onStatistics((step, values) -> {
            StringBuilder rows = new StringBuilder(started[0] ? "" : "update,layer,activation_mean,activation_std,"
                    + "dead_fraction,gradient_norm,weight_norm,update_ratio\n");
            values.forEach((layer, v) -> {
                rows.append(step).append(',').append(layer);
                for (double value : new double[] {v.activationMean(), v.activationStd(), v.deadFraction(),
                        v.gradientNorm(), v.weightNorm(), v.updateRatio()}) {
                    rows.append(',').append(Double.isNaN(value) ? "" : Double.toString(value));
                }
                rows.append('\n');
            });
            try {
                Files.writeString(file, rows, started[0] ? new StandardOpenOption[] {StandardOpenOption.APPEND}
                        : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE});
            } catch (IOException e) {
                throw new UncheckedIOException("LayerStatistics: cannot write " + file, e);
            }
            started[0] = true;
        });
    }

    /** The last statistics by layer path (empty before the first), in the model's order. */
    public Map<String, Values> latest() {
        return latest;
    }

    /** The update the {@link #latest} statistics were taken at ({@link Model#globalStep()} after it), or -1. */
    public long latestStep() {
        return latestStep;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        LayerPaths.leaves(trained.network()).forEach((path, layer) -> hooks.add(layer.addForwardHook(output -> {
            if (due) {
                activations.put(path, activationStatistics(output, isRelu(layer)));
            }
        })));
    }

    @Override
    public void onTrainBatchBegin(int batch) {
        due = (model.globalStep() + 1) % frequency == 0 || model.globalStep() == 0;
        activations.clear();
    }

    @Override
    public void onGradients(Model trained) {
        if (!due) {
            return;
        }
        gradientNorms.clear();
        weightsBefore.clear();
        Map<String, double[]> squares = new LinkedHashMap<>();
        trained.network().namedParameters().forEach((key, parameter) -> {
            Tensor gradient = parameter.grad();
            if (gradient != null) {
                squares.computeIfAbsent(owner(key), k -> new double[1])[0] += sumOfSquares(gradient.toFloatArray());
                weightsBefore.put(key, parameter.value().toFloatArray());
            }
        });
        squares.forEach((layer, sum) -> gradientNorms.put(layer, Math.sqrt(sum[0])));
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        long step = model.globalStep();
        warnings.checkLoss(logs.get("loss"), batch, step, learningRate());
        if (!due) {
            return;
        }
        due = false;
        Map<String, double[]> weights = new LinkedHashMap<>();   // layer → {‖w‖², ‖Δw‖²}
        for (Map.Entry<String, Parameter> entry : model.network().namedParameters().entrySet()) {
            float[] before = weightsBefore.get(entry.getKey());
            float[] after = entry.getValue().value().toFloatArray();
            double[] sums = weights.computeIfAbsent(owner(entry.getKey()), k -> new double[2]);
            sums[0] += sumOfSquares(after);
            for (int i = 0; before != null && i < after.length; i++) {
                sums[1] += (double) (after[i] - before[i]) * (after[i] - before[i]);
            }
        }
        Map<String, Values> values = new LinkedHashMap<>();
        for (String layer : LayerPaths.of(model.network()).keySet()) {
            double[] activation = activations.get(layer);
            double[] weight = weights.get(layer);
            if (activation == null && weight == null) {
                continue;
            }
            double weightNorm = weight == null ? Double.NaN : Math.sqrt(weight[0]);
            double updateRatio = weight == null || !gradientNorms.containsKey(layer) ? Double.NaN
                    : Math.sqrt(weight[1]) / Math.max(weightNorm, 1e-12);
            values.put(layer, new Values(activation == null ? Double.NaN : activation[0],
                    activation == null ? Double.NaN : activation[1], activation == null ? Double.NaN : activation[2],
                    gradientNorms.getOrDefault(layer, Double.NaN), weightNorm, updateRatio));
        }
        latest = Collections.unmodifiableMap(values);
        latestStep = step;
        warnings.checkGradients(values, step);
        listeners.forEach(listener -> listener.accept(step, latest));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        warnings.checkEpoch(epoch, logs.get("loss"), learningRate());
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        hooks.forEach(ForwardHook::close);
        hooks.clear();
        due = false;
    }

    /** The first optimizer's rate, for the warnings' advice. */
    private float learningRate() {
        return model.optimizers().values().stream().findFirst().map(o -> o.learningRate()).orElse(Float.NaN);
    }

    /** {@code 1.weight} → {@code 1}; a parameter of the model itself → {@code ""}. */
    static String owner(String parameterKey) {
        int dot = parameterKey.lastIndexOf('.');
        return dot < 0 ? "" : parameterKey.substring(0, dot);
    }

    private static boolean isRelu(Layer layer) {
        return layer instanceof Relu || layer instanceof Dense dense && dense.activation() == ActivationFunction.RELU;
    }

    /** {mean, standard deviation, dead fraction (NaN unless ReLU)} of one output. */
    static double[] activationStatistics(Tensor output, boolean relu) {
        float[] values = output.toFloatArray();
        double sum = 0;
        double squares = 0;
        for (float value : values) {
            sum += value;
            squares += (double) value * value;
        }
        double mean = sum / Math.max(1, values.length);
        double std = Math.sqrt(Math.max(0, squares / Math.max(1, values.length) - mean * mean));
        return new double[] {mean, std, relu ? deadFraction(output.shape().toArray(), values) : Double.NaN};
    }

    /** The fraction of channels (axis 1; the features of a {@code [batch, features]} output) never positive in the batch. */
    static double deadFraction(int[] shape, float[] values) {
        if (shape.length < 2 || values.length == 0) {
            return Double.NaN;
        }
        int channels = shape[1];
        int inner = values.length / shape[0] / channels;
        boolean[] alive = new boolean[channels];
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                alive[(i / inner) % channels] = true;
            }
        }
        int dead = 0;
        for (boolean a : alive) {
            dead += a ? 0 : 1;
        }
        return (double) dead / channels;
    }

    private static double sumOfSquares(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        return sum;
    }

    /** The latest statistics as a table, one row per layer, {@code -} where a value does not apply (for printing). */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s %10s %10s %6s %10s %10s %10s%n",
                "layer", "act mean", "act std", "dead", "grad norm", "weight", "update"));
        latest.forEach((layer, v) -> out.append(String.format(Locale.ROOT, "%-20s %10s %10s %6s %10s %10s %10s%n",
                layer, cell("%.4g", v.activationMean()), cell("%.4g", v.activationStd()),
                Double.isNaN(v.deadFraction()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v.deadFraction()),
                cell("%.3g", v.gradientNorm()), cell("%.4g", v.weightNorm()), cell("%.3g", v.updateRatio()))));
        return out.toString();
    }

    private static String cell(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
