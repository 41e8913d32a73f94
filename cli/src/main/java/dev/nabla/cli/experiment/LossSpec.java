package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.Suggestions;
import dev.nabla.loss.Loss;
import dev.nabla.loss.LossOptions;
import dev.nabla.loss.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code loss: sparse_categorical_crossentropy}, or with options by their Keras/PyTorch names:
 * {@code loss: {name: sparse_categorical_crossentropy, from_logits: true, label_smoothing: 0.1,
 * class_weights: [1, 2, 1]}} ({@link LossOptions} lists them). Each option is checked when the
 * file is read, and a bad one is reported at its own line.
 *
 * @param name    the loss's name, as {@link Losses#byName} knows it
 * @param options the options as the file gives them (booleans, numbers, strings, lists of numbers)
 */
public record LossSpec(String name, Map<String, Object> options) {

    public LossSpec {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A loss with its default options. */
    public static LossSpec named(String name) {
        return new LossSpec(name, Map.of());
    }

    /** Reads {@code NAME} or {@code {name: NAME, option: value, ...}}, checking each option at its place. */
    public static LossSpec parse(ConfigNode node) {
        ConfigNode nameNode = node.isMap() ? node.asMap().require("name") : node;
        String name = nameNode.asString();
        Loss loss;
        try {
            loss = Losses.byName(name);
        } catch (IllegalArgumentException e) {
            throw nameNode.error(e.getMessage() + Suggestions.didYouMean(name, Losses.names()));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (node.isMap()) {
            List<String> known = new ArrayList<>(List.of("name"));
            known.addAll(LossOptions.names(loss));
            ConfigMap map = node.asMap().allowOnly(known);
            for (String key : map.keys()) {
                if (key.equals("name")) {
                    continue;
                }
                ConfigNode value = map.get(key);
                try {
                    loss = LossOptions.apply(loss, Map.of(key, value.value()));
                } catch (IllegalArgumentException e) {
                    throw value.error(e.getMessage());
                }
                options.put(key, value.value());
            }
        }
        return new LossSpec(name, options);
    }

    /** A new loss with the options set. */
    public Loss create() {
        return Losses.byName(name, options);
    }

    /** The name alone when there are no options, else a map with the name first, for {@code config.resolved.yaml}. */
    Object resolved() {
        if (options.isEmpty()) {
            return name;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.putAll(options);
        return out;
    }
}
