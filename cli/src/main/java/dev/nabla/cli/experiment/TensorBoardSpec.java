package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.INTEGER;
import static dev.nabla.cli.experiment.Setting.Kind.STRING;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.monitoring.TensorBoard;
import dev.nabla.train.LayerStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code tensorboard} entry of {@code training.callbacks}: event files in the run's
 * directory ({@code train/}, {@code validation/}, or under {@code directory} inside it), the
 * run's {@code config.resolved.yaml} as the {@code config} text and its training settings
 * (flattened: {@code optimizer.learning_rate}) as the hparams session's hyperparameters; per-layer
 * statistics every {@code layer_statistics} updates, and {@code predictions} validation images
 * of an image classifier with their predictions after each epoch ({@link ExperimentRun} gives them).
 */
final class TensorBoardSpec {

    static final List<Setting> SETTINGS = List.of(
            Setting.optional("update_frequency", INTEGER, 10),
            Setting.optional("histogram_frequency", INTEGER, 1),
            Setting.optional("directory", STRING, "."),
            Setting.optional("layer_statistics", INTEGER, 10),
            Setting.optional("predictions", INTEGER, 8));

    private TensorBoardSpec() {
    }

    static CallbackSpec read(ConfigMap map, int epochs) {
        Map<String, Object> values = Setting.read(map, SETTINGS, Map.of(), List.of("type"));
        int updateFrequency = (Integer) values.get("update_frequency");
        int histogramFrequency = (Integer) values.get("histogram_frequency");
        new TensorBoard(Path.of(".")).updateFrequency(updateFrequency).histogramFrequency(histogramFrequency);
        for (String count : List.of("layer_statistics", "predictions")) {
            if ((Integer) values.get(count) < 0) {
                throw new IllegalArgumentException(count + " must be 0 (none) or more, got " + values.get(count));
            }
        }
        return spec(values);
    }

    /** The entry with every setting at its default, which {@code train --dashboard} adds to a file without one. */
    static CallbackSpec defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        SETTINGS.forEach(setting -> values.put(setting.name(), setting.defaultValue()));
        return spec(values);
    }

    private static CallbackSpec spec(Map<String, Object> values) {
        int updateFrequency = (Integer) values.get("update_frequency");
        int histogramFrequency = (Integer) values.get("histogram_frequency");
        String directory = (String) values.get("directory");
        int layerStatistics = (Integer) values.get("layer_statistics");
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("type", "tensorboard");
        resolved.putAll(values);
        return new CallbackSpec(resolved, runDirectory -> create(runDirectory.resolve(directory).normalize(),
                runDirectory, updateFrequency, histogramFrequency, layerStatistics));
    }

    /** The callback for one run; the run's resolved file, when written, gives its config text and hyperparameters. */
    private static TensorBoard create(Path logs, Path runDirectory, int updateFrequency, int histogramFrequency,
                                      int layerStatistics) {
        TensorBoard callback = new TensorBoard(logs).updateFrequency(updateFrequency)
                .histogramFrequency(histogramFrequency)
                .layerStatistics(layerStatistics == 0 ? null : new LayerStatistics().frequency(layerStatistics));
        Path resolved = runDirectory.resolve("config.resolved.yaml");
        if (!Files.isRegularFile(resolved)) {
            resolved = runDirectory.resolveSibling("config.resolved.yaml");   // a cross-validation fold's run
        }
        if (Files.isRegularFile(resolved)) {
            try {
                String text = Files.readString(resolved);
                callback.text("config", "```yaml\n" + text + "```");
                Object training = ((Map<?, ?>) new Yaml().load(text)).get("training");
                Map<String, Object> hyperparameters = new LinkedHashMap<>();
                flatten("", training, hyperparameters);
                callback.hyperparameters(hyperparameters);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return callback;
    }

    /** Numbers, booleans and strings of a nested map, keyed by their dotted path; lists are left out. */
    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, inner, out));
        } else if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            out.put(prefix, value);
        }
    }
}
