package dev.nabla.cli.experiment;

import dev.nabla.io.ModelFile;
import dev.nabla.nn.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
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
            DumperOptions flow = new DumperOptions();
            flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
            flow.setWidth(Integer.MAX_VALUE);
            state.put("compile.loss_options", new Yaml(flow).dump(loss.options()).strip());
        }
        state.put("compile.metrics", Json.array(metrics));
        if (classNames != null) {
            state.put("class_names", Json.array(classNames));
        }
        return state;
    }

    /** What a loaded model file says; the missing parts are null. */
    public static ModelInfo of(ModelFile.LoadedModel loaded) {
        Map<String, String> state = loaded.trainingState();
        List<String> shape = list(state.get("input_shape"));
        int[] inputShape = shape == null ? null : shape.stream().mapToInt(Integer::parseInt).toArray();
        if (inputShape == null && loaded.model() instanceof Graph graph && graph.inputNodes().size() == 1) {
            inputShape = graph.inputNodes().get(0).sampleShape().toArray();
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
