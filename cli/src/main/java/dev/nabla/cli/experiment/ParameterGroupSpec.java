package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerPaths;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.ParameterGroup;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the optimizer's {@code groups}: the layers named by dotted path ({@code conv1},
 * {@code layer4.1}) with their own learning rate and weight decay (PyTorch's
 * {@code param_groups}; discriminative fine-tuning gives pretrained layers a smaller rate than
 * a new head):
 *
 * <pre>
 * optimizer:
 *   name: adam
 *   learning_rate: 0.001                      # the rest of the model (the new head)
 *   groups:
 *     - {layers: [conv1, conv2], learning_rate: 0.0001}
 * </pre>
 *
 * The parameters of no group form a last group with the optimizer's settings. Layer names are
 * looked up when the model is built, and a name that is not the model's fails there.
 */
record ParameterGroupSpec(List<ConfigNode> layers, Double learningRate, Double weightDecay) {

    static final List<String> KEYS = List.of("layers", "learning_rate", "weight_decay");

    static List<ParameterGroupSpec> parseAll(ConfigNode node) {
        List<ParameterGroupSpec> out = new ArrayList<>();
        for (ConfigNode entry : node.asList()) {
            ConfigMap map = entry.asMap().allowOnly(KEYS);
            List<ConfigNode> layers = map.require("layers").asListOrOne();
            if (layers.isEmpty()) {
                throw map.get("layers").error("name at least one layer");
            }
            layers.forEach(ConfigNode::asString);
            out.add(new ParameterGroupSpec(layers, rate(map, "learning_rate"), rate(map, "weight_decay")));
        }
        return List.copyOf(out);
    }

    private static Double rate(ConfigMap map, String key) {
        if (!map.has(key)) {
            return null;
        }
        double value = map.get(key).asDouble();
        if (!(value >= 0)) {
            throw map.get(key).error("must be at least 0, got " + map.get(key).describe());
        }
        return value;
    }

    /**
     * The groups of {@code network}'s parameters among {@code parameters}, in the order given,
     * then a last group of the rest (when any are left).
     */
    static List<ParameterGroup> groups(List<ParameterGroupSpec> specs, Layer network, List<Parameter> parameters) {
        Map<Parameter, Boolean> wanted = new IdentityHashMap<>();
        parameters.forEach(p -> wanted.put(p, Boolean.TRUE));
        Map<Parameter, String> taken = new IdentityHashMap<>();
        List<ParameterGroup> out = new ArrayList<>();
        for (ParameterGroupSpec spec : specs) {
            List<Parameter> members = new ArrayList<>();
            for (ConfigNode name : spec.layers()) {
                Layer layer;
                try {
                    layer = LayerPaths.find(network, name.asString());
                } catch (IllegalArgumentException e) {
                    throw name.error(e.getMessage());
                }
                for (Parameter p : layer.parameters()) {
                    String earlier = taken.putIfAbsent(p, name.asString());
                    if (earlier != null) {
                        throw name.error("its parameters are already in the group of '" + earlier
                                + "'; a parameter may be in one group only");
                    }
                    if (wanted.containsKey(p)) {
                        members.add(p);
                    }
                }
            }
            ParameterGroup group = new ParameterGroup(members);
            if (spec.weightDecay() != null) {
                group.weightDecay(spec.weightDecay().floatValue());
            }
            out.add(group);
        }
        List<Parameter> rest = parameters.stream().filter(p -> !taken.containsKey(p)).toList();
        if (!rest.isEmpty()) {
            out.add(new ParameterGroup(rest));
        }
        return out;
    }

    /** Gives each group its own learning rate, after the optimizer's has been set on all of them. */
    static void setLearningRates(List<ParameterGroupSpec> specs, List<ParameterGroup> groups) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).learningRate() != null) {
                groups.get(i).learningRate(specs.get(i).learningRate().floatValue());
            }
        }
    }

    /** The entry as {@code config.resolved.yaml} writes it. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layers", layers.stream().map(ConfigNode::asString).toList());
        if (learningRate != null) {
            out.put("learning_rate", Experiment.decimal(learningRate.floatValue()));
        }
        if (weightDecay != null) {
            out.put("weight_decay", Experiment.decimal(weightDecay.floatValue()));
        }
        return out;
    }
}
