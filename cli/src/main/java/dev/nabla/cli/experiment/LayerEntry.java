package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.LayerSpecs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One layer of a model section: {@code {type: conv2d, filters: 32, activation: relu}}, in a
 * graph also {@code name} and {@code inputs}. Every key but those is an argument of the layer.
 * The Transformer layers take {@code activation} as their own argument (the feed-forward
 * block's, PyTorch's {@code activation='gelu'}), not as an activation layer after them.
 *
 * @param node       the whole entry
 * @param type       the layer type's value
 * @param name       the graph node's name, or null
 * @param inputs     the names of the graph nodes fed in (empty: the previous layer's output)
 * @param activation the activation applied after the layer, or null
 * @param arguments  the layer's arguments by key, in file order
 */
record LayerEntry(ConfigNode node, ConfigNode type, ConfigNode name, List<ConfigNode> inputs, ConfigNode activation,
                  Map<String, ConfigNode> arguments) {

    /** Activation names that mean "no activation layer" (Keras's {@code activation=None} or {@code "linear"}). */
    private static final Set<String> NO_ACTIVATION = Set.of("linear", "none", "identity");
    /** Types whose {@code activation} is inside them, an argument of their own. */
    private static final Set<String> INNER_ACTIVATION = Set.of("TransformerEncoderLayer", "TransformerDecoderLayer",
            "TransformerEncoder", "TransformerDecoder", "Transformer", "SimpleRnn", "SimpleRnnCell");

    /** Reads an entry; {@code inGraph} allows {@code name} and {@code inputs}. */
    static LayerEntry parse(ConfigNode node, boolean inGraph) {
        ConfigMap map = node.asMap();
        ConfigNode type = map.require("type");
        type.asString();
        ConfigNode name = inGraph ? map.get("name") : null;
        if (name != null) {
            name.asString();
        }
        List<ConfigNode> inputs = inGraph && map.has("inputs") ? map.get("inputs").asListOrOne() : List.of();
        inputs.forEach(ConfigNode::asString);
        String canonical = LayerSpecs.canonicalName(type.asString());
        boolean innerActivation = canonical != null && INNER_ACTIVATION.contains(canonical);
        ConfigNode activation = innerActivation ? null : map.get("activation");
        if (activation != null) {
            activation.asString();
        }
        Map<String, ConfigNode> arguments = new LinkedHashMap<>();
        for (String key : map.keys()) {
            boolean structural = key.equals("type") || key.equals("activation") && !innerActivation
                    || inGraph && (key.equals("name") || key.equals("inputs"));
            if (!structural && map.get(key) != null) {
                arguments.put(key, map.get(key));
            }
        }
        return new LayerEntry(node, type, name, inputs, activation, arguments);
    }

    /** The arguments as plain values, for the layer factory. */
    Map<String, Object> argumentValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        arguments.forEach((key, value) -> values.put(key, value.value()));
        return values;
    }

    /** Whether an activation layer follows this one. */
    boolean hasActivation() {
        return activation != null && !NO_ACTIVATION.contains(activation.asString());
    }
}
