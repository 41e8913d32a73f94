package dev.nabla.train;

import dev.nabla.io.ModelFile;
import dev.nabla.io.PyTorchWeights;
import dev.nabla.optim.Plateau;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model after each epoch (Keras's {@code ModelCheckpoint}), to a path that may hold
 * the epoch and logged values, as Keras formats them:
 *
 * <pre>{@code
 * new ModelCheckpoint("checkpoints/digits-{epoch:02d}-{val_loss:.4f}.nabla").saveBestOnly(true)
 * }</pre>
 *
 * <p>{@code {epoch}} is the number of epochs done (1 after the first, as Keras counts);
 * {@code {name}} is any logged value ({@code loss}, {@code val_accuracy}); a format after a
 * colon is {@code 02d}-style for the epoch and {@code .4f}, {@code .3e} or {@code .5g} for values.
 *
 * <p>By default the whole model is saved ({@link ModelFile}) with every optimizer's state (by
 * name, when there are several) and the training state ({@code epoch} — pass it to {@link
 * FitOptions#initialEpoch} to resume — {@code global_step}, and the epoch's logs as strings,
 * plus any {@link #trainingState} of the caller's); {@link Model#restore} reads it all back. With
 * {@link #saveWeightsOnly} only the weights, as a PyTorch-compatible safetensors file
 * ({@link PyTorchWeights}). With {@link #saveBestOnly}, an epoch is saved only when the
 * monitored value ({@code val_loss} by default) improves on the best so far ({@link Plateau}).
 * Writes are atomic: an interrupted save leaves the previous file whole. Nothing is printed
 * unless {@link #verbose} is on.
 */
public final class ModelCheckpoint implements Callback {

    /** The training state's key for {@link Model#globalStep()}, which {@link Model#restore} reads back. */
    public static final String GLOBAL_STEP = "global_step";
    /** The training state's keys for the loss scaler's scale and finite steps, when {@code fit} scales the loss. */
    public static final String LOSS_SCALE = "loss_scale";
    static final String LOSS_SCALE_FINITE_STEPS = "loss_scale_finite_steps";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?}");
    private static final Pattern INTEGER_FORMAT = Pattern.compile("0?\\d*d");
    private static final Pattern DECIMAL_FORMAT = Pattern.compile("0?\\d*(\\.\\d+)?[feg]");

    private final String pathPattern;
    private final boolean literal;
    private String monitor = "val_loss";
    private Plateau.Mode mode = Plateau.Mode.AUTO;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private Map<String, String> extraState = Map.of();
    private PrintStream out;
    private Model model;
    private Plateau plateau;
    private Double best;
    private Path lastSaved;

    /**
     * Saves to paths made from {@code pathPattern} after every epoch.
     *
     * @throws IllegalArgumentException for an unmatched brace or a format it does not know
     */
    public ModelCheckpoint(String pathPattern) {
        this.pathPattern = pathPattern;
        this.literal = false;
        Matcher m = PLACEHOLDER.matcher(pathPattern);
        while (m.find()) {
            String format = m.group(2) == null ? "" : m.group(2);
            boolean epoch = m.group(1).equals("epoch");
            if (!format.isEmpty() && !DECIMAL_FORMAT.matcher(format).matches()
                    && !(epoch && INTEGER_FORMAT.matcher(format).matches())) {
                throw new IllegalArgumentException("ModelCheckpoint: unknown format '" + format + "' in " + m.group()
                        + "; use " + (epoch ? "{epoch} or {epoch:02d}" : "{" + m.group(1) + "} or {" + m.group(1)
                        + ":.4f}"));
            }
        }
        if (PLACEHOLDER.matcher(pathPattern).replaceAll("").matches(".*[{}].*")) {
            throw new IllegalArgumentException("ModelCheckpoint: unmatched brace in '" + pathPattern
                    + "'; placeholders look like {epoch:02d} or {val_loss:.4f}");
        }
    }

    /** Saves to {@code file} after every epoch, its name taken as it is (braces too: no placeholders). */
    public ModelCheckpoint(Path file) {
        this.pathPattern = file.toString();
        this.literal = true;
    }

    /** Watches this logged value for {@link #saveBestOnly} ({@code val_loss} by default); returns this. */
    public ModelCheckpoint monitor(String value) {
        monitor = value;
        return this;
    }

    /** Whether smaller or larger values are better; AUTO (the default) decides by the name ({@link Plateau.Mode#resolve}). */
    public ModelCheckpoint mode(Plateau.Mode value) {
        mode = value;
        return this;
    }

    /** Saves only epochs that improve the monitored value; returns this. */
    public ModelCheckpoint saveBestOnly(boolean value) {
        saveBestOnly = value;
        return this;
    }

    /** Saves only the weights, as safetensors under PyTorch's names; returns this. */
    public ModelCheckpoint saveWeightsOnly(boolean value) {
        saveWeightsOnly = value;
        return this;
    }

    /**
     * Writes these entries too into the training state of every model file saved (after the
     * epoch and its logs; a run's own settings, say); returns this.
     */
    public ModelCheckpoint trainingState(Map<String, String> entries) {
        extraState = new LinkedHashMap<>(entries);
        return this;
    }

    /** Prints a line on standard output for each epoch, saved or not, as Keras's {@code verbose=1}; returns this. */
    public ModelCheckpoint verbose(boolean value) {
        return verbose(value ? System.out : null);
    }

    /** Prints a line for each epoch to {@code stream}, or nothing when it is null (the default); returns this. */
    public ModelCheckpoint verbose(PrintStream stream) {
        out = stream;
        return this;
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        if (plateau == null) {
            plateau = new Plateau(mode.resolve(monitor), 0);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Path path;
        if (saveBestOnly) {
            double current = MonitoredValue.of("ModelCheckpoint", monitor, logs);
            String from = best == null ? "inf" : best.toString();
            if (!plateau.update(current)) {
                say("Epoch " + (epoch + 1) + ": " + monitor + " did not improve from " + from);
                return;
            }
            path = Path.of(fileName(epoch, logs));
            say("Epoch " + (epoch + 1) + ": " + monitor + " improved from " + from + " to " + current
                    + ", saving model to " + path);
            best = current;
        } else {
            path = Path.of(fileName(epoch, logs));
            say("Epoch " + (epoch + 1) + ": saving model to " + path);
        }
        save(path, epoch, logs);
    }

    /** The path for this epoch: the pattern with its placeholders filled in. */
    String fileName(int epoch, Map<String, Double> logs) {
        if (literal) {
            return pathPattern;
        }
        Matcher m = PLACEHOLDER.matcher(pathPattern);
        StringBuilder name = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Number value = key.equals("epoch") ? (Number) (epoch + 1) : logs.get(key);
            if (value == null) {
                throw new IllegalArgumentException("ModelCheckpoint: the path '" + pathPattern + "' uses {" + key
                        + "}, which is not logged; logged: epoch and " + logs.keySet());
            }
            String format = m.group(2) == null ? "" : m.group(2);
            String text = format.isEmpty() ? value.toString() : String.format(Locale.ROOT, "%" + format,
                    format.endsWith("d") ? value : (Object) value.doubleValue());
            m.appendReplacement(name, Matcher.quoteReplacement(text));
        }
        return m.appendTail(name).toString();
    }

    private void save(Path path, int epoch, Map<String, Double> logs) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (saveWeightsOnly) {
                PyTorchWeights.save(model.network(), path);
            } else {
                Map<String, String> state = new LinkedHashMap<>();
                state.put("epoch", Integer.toString(epoch + 1));
                state.put(GLOBAL_STEP, Long.toString(model.globalStep()));
                if (model.lossScaler() != null) {
                    state.put(LOSS_SCALE, Float.toString(model.lossScaler().currentScale()));
                    state.put(LOSS_SCALE_FINITE_STEPS, Long.toString(model.lossScaler().finiteSteps()));
                }
                state.putAll(model.namedOptimizers().scheduleState());
                logs.forEach((key, value) -> state.put(key, value.toString()));
                state.putAll(model.checkpointState());
                state.putAll(extraState);
                ModelFile.saveCheckpoint(path, model.network(), model.optimizers(), state);
            }
            lastSaved = path;
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private void say(String line) {
        if (out != null) {
            out.println(line);
        }
    }

    /** The best monitored value seen with {@link #saveBestOnly}, or null before the first save. */
    public Double best() {
        return best;
    }

    /** The last file written, or null. */
    public Path lastSaved() {
        return lastSaved;
    }
}
