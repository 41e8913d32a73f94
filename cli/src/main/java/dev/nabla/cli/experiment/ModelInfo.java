package dev.nabla.cli.experiment;

import dev.nabla.io.JsonWriter;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Graph;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code nabla evaluate}, {@code predict} and {@code summary} need to know about a model
 * beyond its architecture and weights, kept in the training state of the model files a run
 * writes beside the epoch and its logs: {@code input_shape}, {@code compile.loss} (the
 * loss's name) and {@code compile.loss_options} (its options, when it has any),
 * {@code compile.metrics} and {@code class_names}, the lists and options as JSON. A model file saved
 * otherwise may lack any of them: they are then null.
 *
 * @param inputShape one sample's shape, e.g. {@code [1, 28, 28]}
 * @param loss       the loss and its options
 * @param metrics    the metrics' names
 * @param classNames the name of each class, by label
 */
public record ModelInfo(int[] inputShape, LossSpec loss, List<String> metrics, List<String> classNames) {

    /** The entries for a model file's training state. */
    Map<String, String> toTrainingState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("input_shape", Arrays.toString(inputShape));
        state.put("compile.loss", loss.name());
        if (!loss.options().isEmpty()) {
            state.put("compile.loss_options", JsonWriter.writeLine(loss.options()));
        }
        state.put("compile.metrics", JsonWriter.writeLine(metrics));
        if (classNames != null) {
            state.put("class_names", JsonWriter.writeLine(classNames));
        }
        return state;
    }

    /** What a loaded model file says; the missing parts are null. */
    public static ModelInfo of(ModelFile.LoadedModel loaded) {
        Map<String, String> state = loaded.trainingState();
        List<String> shape = list(state.get("input_shape"));
        int[] inputShape = shape == null ? null : shape.stream().mapToInt(Integer::parseInt).toArray();
        if (inputShape == null) {
            inputShape = inferInputShape(loaded.model());
        }
        String lossName = state.get("compile.loss");
        LossSpec loss = lossName == null ? null : new LossSpec(lossName, options(state.get("compile.loss_options")));
        return new ModelInfo(inputShape, loss, list(state.get("compile.metrics")),
                list(state.get("class_names")));
    }

    /** The loss options read back; empty when absent. */
    private static Map<String, Object> options(String flow) {
        if (flow == null) {
            return Map.of();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        ((Map<?, ?>) new Yaml().load(flow)).forEach((key, value) -> options.put(String.valueOf(key), value));
        return options;
    }

    /**
     * One sample's shape as far as the model itself tells it: a graph's input, the shape a
     * {@link Sequential} saw or was declared, a first {@link Dense} layer's {@code [in_features]},
     * or, after a {@link Flatten}, a square image of {@code in_features} pixels ({@code [1, s, s]}
     * grey or {@code [3, s, s]} colour). Null when it does not tell (a convolution takes any height and width).
     */
    public static int[] inferInputShape(Layer model) {
        if (model instanceof Graph graph) {
            return graph.inputNodes().size() == 1 ? graph.inputNodes().get(0).sampleShape().toArray() : null;
        }
        if (!(model instanceof Sequential sequential) || sequential.size() == 0) {
            return null;
        }
        if (sequential.inputShape() != null) {
            return sequential.inputShape();
        }
        Layer first = sequential.get(0);
        if (first instanceof Dense dense && dense.isBuilt()) {
            return new int[] {dense.inFeatures()};
        }
        if (first instanceof Flatten && sequential.size() > 1 && sequential.get(1) instanceof Dense dense
                && dense.isBuilt()) {
            int pixels = dense.inFeatures();
            for (int channels : new int[] {1, 3}) {
                int side = (int) Math.round(Math.sqrt(pixels / (double) channels));
                if (channels * side * side == pixels) {
                    return new int[] {channels, side, side};
                }
            }
        }
        return null;
    }

    /** A JSON array read back (JSON's arrays are YAML flow sequences), as strings; null when absent. */
    private static List<String> list(String json) {
        if (json == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Object value : (List<?>) new Yaml().load(json)) {
            values.add(String.valueOf(value));
        }
        return values;
    }
}
