package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.optim.LossScaling;
import dev.nabla.train.GradientOptions;
import dev.nabla.train.GradientOptions.Clipping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient keys of the {@code training} section, Keras's optimizer arguments: at most one
 * of {@code clipnorm} (each gradient to this L2 norm), {@code global_clipnorm} (all gradients
 * together, PyTorch's {@code clip_grad_norm_}) and {@code clipvalue} (each element, PyTorch's
 * {@code clip_grad_value_}), {@code gradient_accumulation_steps} (batches per update), and
 * {@code loss_scale}: {@code dynamic} (PyTorch's {@code GradScaler} defaults), a number (a fixed
 * scale) or a map of {@code initial_scale}, {@code growth_factor}, {@code backoff_factor},
 * {@code growth_interval} (dynamic scaling with those values).
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
        return training.has("loss_scale") ? options.lossScaling(lossScaling(training.get("loss_scale"))) : options;
    }

    private static LossScaling lossScaling(ConfigNode node) {
        try {
            if (node.isMap()) {
                ConfigMap map = node.asMap().allowOnly(List.of("initial_scale", "growth_factor", "backoff_factor",
                        "growth_interval"));
                LossScaling defaults = LossScaling.dynamic();
                return new LossScaling((float) map.number("initial_scale", defaults.initialScale()),
                        (float) map.number("growth_factor", defaults.growthFactor()),
                        (float) map.number("backoff_factor", defaults.backoffFactor()),
                        map.integer("growth_interval", 1, defaults.growthInterval()));
            }
            if (node.value() instanceof Number) {
                return LossScaling.fixed(node.asFloat());
            }
            if (node.asString().equals("dynamic")) {
                return LossScaling.dynamic();
            }
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        throw node.error("expected 'dynamic', a number (a fixed scale) or a map of initial_scale, growth_factor,"
                + " backoff_factor and growth_interval, got " + node.describe());
    }

    /** The {@code loss_scale} value of {@code config.resolved.yaml}: its four numbers. */
    private static Map<String, Object> resolved(LossScaling scaling) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("initial_scale", Experiment.decimal(scaling.initialScale()));
        out.put("growth_factor", Experiment.decimal(scaling.growthFactor()));
        out.put("backoff_factor", Experiment.decimal(scaling.backoffFactor()));
        out.put("growth_interval", scaling.growthInterval());
        return out;
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
        if (options.lossScaling() != null) {
            out.put("loss_scale", resolved(options.lossScaling()));
        }
        return out;
    }
}
