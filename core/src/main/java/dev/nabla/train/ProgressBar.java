package dev.nabla.train;

import dev.nabla.tensor.Engine;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress output, after one line that says which kernels run (the scalar ones are
 * about ten times slower: see {@link Engine#kernels()}). On a terminal, one line per epoch
 * redrawn after each batch:
 * <pre>
 * Kernels: vector (512-bit)
 * Epoch 3/10
 * 469/469 ━━━━━━━━━━━━━━━━━━━━ 4s 8ms/step - accuracy: 0.8812 - loss: 0.3264 - val_accuracy: 0.8755 - val_loss: 0.3467
 * </pre>
 * Elsewhere (a log file, CI) only the finished line of each epoch is printed.
 */
public final class ProgressBar implements Callback {

    private static final int WIDTH = 20;

    private final PrintStream out;
    private final int epochs;
    private final int steps;
    private final boolean interactive;
    private long epochStart;

    /** A progress bar for {@code epochs} epochs of {@code steps} batches, redrawn when out is a terminal. */
    public ProgressBar(PrintStream out, int epochs, int steps) {
        this(out, epochs, steps, out == System.out && System.console() != null && System.console().isTerminal());
    }

    /** A progress bar, redrawn after each batch when {@code interactive}. */
    public ProgressBar(PrintStream out, int epochs, int steps, boolean interactive) {
        this.out = out;
        this.epochs = epochs;
        this.steps = steps;
        this.interactive = interactive;
    }

    @Override
    public void onTrainBegin(Model model) {
        out.println("Kernels: " + Engine.kernels());
    }

    @Override
    public void onEpochBegin(int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        epochStart = System.nanoTime();
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (interactive && batch + 1 < steps) {
            out.print("\r" + line(batch + 1, logs, false) + "\u001b[K");
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        out.print((interactive ? "\r" : "") + line(steps, logs, true) + (interactive ? "\u001b[K" : "") + "\n");
        out.flush();
    }

    /** The bar line after {@code done} steps; {@code finished} shows total time instead of the time left. */
    String line(int done, Map<String, Double> logs, boolean finished) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        double perStep = done == 0 ? 0 : elapsed / done;
        int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * done / steps);
        StringBuilder s = new StringBuilder();
        String count = Integer.toString(steps);
        s.append(" ".repeat(count.length() - Integer.toString(done).length())).append(done).append('/').append(count)
                .append(' ').append("━".repeat(filled)).append(" ".repeat(WIDTH - filled)).append(' ');
        double seconds = finished ? elapsed : perStep * (steps - done);
        s.append(Math.round(seconds)).append("s ").append(formatStepTime(perStep));
        logs.forEach((key, value) -> s.append(" - ").append(key).append(": ").append(formatValue(value)));
        return s.toString();
    }

    private static String formatStepTime(double seconds) {
        if (seconds >= 1) {
            return Math.round(seconds) + "s/step";
        }
        if (seconds >= 1e-3) {
            return Math.round(seconds * 1e3) + "ms/step";
        }
        return Math.round(seconds * 1e6) + "us/step";
    }

    /** Four decimals, or scientific notation for magnitudes below 1e-3 (as Keras). */
    static String formatValue(double value) {
        return value != 0 && Math.abs(value) < 1e-3 ? String.format(Locale.ROOT, "%.4e", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }
}
