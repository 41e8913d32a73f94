package dev.nabla.cli.experiment;

import dev.nabla.io.AtomicFiles;
import dev.nabla.io.ModelFile;
import dev.nabla.train.Callback;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves a run's model files: {@code last.nabla} after every epoch (so an interrupted run
 * keeps its last epoch) and {@code best.nabla} whenever the monitored loss reaches a new
 * low. Both carry the optimizer's state, the epoch and its logs, and the run's state (its
 * {@link ModelInfo}, a CSV run's preprocessing), which core's {@code ModelCheckpoint} has no
 * place for.
 */
final class RunCheckpoints implements Callback {

    private final Path last;
    private final Path best;
    private final String monitor;
    private final Map<String, String> runState;
    private Model model;
    private double bestValue;

    /** Saves into {@code directory}, watching {@code monitor} (a loss: lower is better). */
    RunCheckpoints(Path directory, String monitor, Map<String, String> runState) {
        this.last = directory.resolve("last.nabla");
        this.best = directory.resolve("best.nabla");
        this.monitor = monitor;
        this.runState = new LinkedHashMap<>(runState);
    }

    @Override
    public void onTrainBegin(Model trained) {
        model = trained;
        bestValue = Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("epoch", Integer.toString(epoch + 1));
        logs.forEach((key, value) -> state.put(key, value.toString()));
        state.putAll(runState);
        try {
            ModelFile.save(last, model.network(), model.optimizer(), state);
            Double value = logs.get(monitor);
            if (value != null && value < bestValue) {
                bestValue = value;
                AtomicFiles.write(best, out -> Files.copy(last, out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + last + " or " + best + ": " + e.getMessage(), e);
        }
    }
}
