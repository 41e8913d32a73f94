package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.train.GradientOptions;
import dev.nabla.train.GradientOptions.Clipping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradient keys of the {@code training} section, Keras's optimizer arguments: at most one
 * of {@code clipnorm} (each gradient to this L2 norm), {@code global_clipnorm} (all gradients
 * together, PyTorch's {@code clip_grad_norm_}) and {@code clipvalue} (each element, PyTorch's
 * {@code clip_grad_value_}), and {@code gradient_accumulation_steps} (batches per update).
 */
final class GradientSpec {

    private static final Map<String, Clipping> CLIPPINGS = Map.of("clipnorm", Clipping.EACH_NORM,
            "global_clipnorm", Clipping.GLOBAL_NORM, "clipvalue", Clipping.VALUE);

    private GradientSpec() {
    }

    /** The options the section's keys give ({@link GradientOptions#NONE} without any). */
    static GradientOptions parse(ConfigMap training) {
        int steps = training.integer("gradient_accumulation_steps", 1, 1);
        GradientOptions options = GradientOptions.NONE.accumulationSteps(steps);
        String chosen = null;
        for (String key : training.keys()) {
            ConfigNode node = CLIPPINGS.containsKey(key) ? training.get(key) : null;
            if (node == null) {
                continue;
            }
            if (chosen != null) {
                throw node.error("only one of clipnorm, global_clipnorm and clipvalue can be set, as in Keras;"
                        + " '" + chosen + "' is set too");
            }
            double limit = node.asDouble();
            if (!(limit > 0) || Double.isInfinite(limit)) {
                throw node.error("expected a number greater than 0, got " + node.describe());
            }
            options = new GradientOptions(CLIPPINGS.get(key), (float) limit, steps);
            chosen = key;
        }
        return options;
    }

    /** The keys of {@code options} for {@code config.resolved.yaml}: the clipping if any, the accumulation steps. */
    static Map<String, Object> resolved(GradientOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        CLIPPINGS.forEach((key, clipping) -> {
            if (clipping == options.clipping()) {
                out.put(key, Experiment.decimal(options.clipLimit()));
            }
        });
        out.put("gradient_accumulation_steps", options.accumulationSteps());
        return out;
    }
}
