package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.loss.Loss;
import dev.nabla.metrics.Metric;
import dev.nabla.train.DTypePolicy;
import dev.nabla.train.GradientOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code training} section: optimizer, loss and metrics (Keras's {@code compile}), and
 * batch size, epochs, seed, shuffling and callbacks (Keras's {@code fit}). Only {@code loss}
 * is required; the rest default as in Keras (adam, no metrics, batch 32, 1 epoch) and seed 1.
 *
 * @param optimizer the optimizer and its settings
 * @param loss      the loss and its options
 * @param metrics   the metrics in their command-line form, {@code accuracy} or {@code f1_score:macro}
 *                  ({@link MetricSpec})
 * @param batchSize samples per step
 * @param epochs    passes over the training set
 * @param seed      the seed of the initial weights and of the shuffling
 * @param shuffle   whether each epoch sees a new order
 * @param callbacks the callbacks besides the always-on CSV log and checkpoints
 * @param gradients clipping, accumulation and loss scaling ({@link GradientSpec}: {@code clipnorm},
 *                  {@code global_clipnorm}, {@code clipvalue}, {@code gradient_accumulation_steps}, {@code loss_scale})
 * @param dtypePolicy the dtypes of computation and weights ({@code dtype_policy}: {@code float32}, the default,
 *                  {@code mixed_bfloat16} or {@code mixed_float16}, Keras's names)
 * @param namedOptimizers a generative model's optimizers one by one, by the name of the network each
 *                  trains ({@code optimizer: {generator: ..., discriminator: ...}}); empty otherwise
 */
public record TrainingSpec(OptimizerSpec optimizer, LossSpec loss, List<String> metrics, int batchSize, int epochs,
                           long seed, boolean shuffle, List<CallbackSpec> callbacks, GradientOptions gradients,
                           DTypePolicy dtypePolicy, Map<String, OptimizerSpec> namedOptimizers) {

    static final List<String> KEYS = List.of("optimizer", "loss", "metrics", "batch_size", "epochs", "seed",
            "shuffle", "callbacks",
            "clipnorm", "global_clipnorm", "clipvalue", "gradient_accumulation_steps", "loss_scale", "dtype_policy");

    /** Reads the section; {@code epochs}, when not null, replaces the file's (the {@code --epochs} option). */
    static TrainingSpec parse(ConfigNode node, Integer epochsOverride) {
        ConfigMap map = node.asMap().allowOnly(KEYS);
        Map<String, OptimizerSpec> named = map.has("optimizer") ? OptimizerSpec.parseNamed(map.get("optimizer"))
                : Map.of();
        OptimizerSpec optimizer = map.has("optimizer") && named.isEmpty() ? OptimizerSpec.parse(map.get("optimizer"))
                : OptimizerSpec.named("adam");
        LossSpec loss = map.has("loss") ? LossSpec.parse(map.get("loss")) : null;   // Experiment requires it but for generative models
        List<String> metrics = new ArrayList<>();
        if (map.has("metrics")) {
            for (ConfigNode metric : map.get("metrics").asListOrOne()) {
                metrics.add(MetricSpec.parse(metric).text());
            }
        }
        int epochs = epochsOverride != null ? epochsOverride : map.integer("epochs", 1, 1);
        List<CallbackSpec> callbacks = new ArrayList<>();
        if (map.has("callbacks")) {
            map.get("callbacks").asList().forEach(c -> callbacks.add(CallbackSpec.parse(c, epochs)));
            CallbackSpec.refuseRateCallbacks(map.get("callbacks"), optimizer.schedule() != null);
        }
        return new TrainingSpec(optimizer, loss, List.copyOf(metrics), map.integer("batch_size", 1, 32), epochs,
                map.has("seed") ? map.get("seed").asInt() : 1, map.bool("shuffle", true), List.copyOf(callbacks),
                GradientSpec.parse(map), dtypePolicy(map), named);
    }

    /** The same training with another seed (the {@code --seed} option). */
    TrainingSpec withSeed(long value) {
        return new TrainingSpec(optimizer, loss, metrics, batchSize, epochs, value, shuffle, callbacks, gradients,
                dtypePolicy, namedOptimizers);
    }

    /** The same training with a {@code tensorboard} callback, unless it has one ({@code train --dashboard}). */
    TrainingSpec withTensorBoard() {
        if (callbacks.stream().anyMatch(CallbackSpec::isTensorBoard)) {
            return this;
        }
        List<CallbackSpec> more = new ArrayList<>(callbacks);
        more.add(TensorBoardSpec.defaults());
        return new TrainingSpec(optimizer, loss, metrics, batchSize, epochs, seed, shuffle, List.copyOf(more),
                gradients, dtypePolicy, namedOptimizers);
    }

    private static DTypePolicy dtypePolicy(ConfigMap map) {
        if (!map.has("dtype_policy")) {
            return DTypePolicy.FLOAT32;
        }
        ConfigNode node = map.get("dtype_policy");
        try {
            return DTypePolicy.of(node.asString());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** A new loss. */
    public Loss createLoss() {
        return loss.create();
    }

    /** New metrics, one per name. */
    public Metric[] createMetrics() {
        return metrics.stream().map(text -> MetricSpec.of(text).create()).toArray(Metric[]::new);
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (namedOptimizers.isEmpty()) {
            out.put("optimizer", optimizer.resolved());
        } else {
            Map<String, Object> each = new LinkedHashMap<>();
            namedOptimizers.forEach((name, spec) -> each.put(name, spec.resolved()));
            out.put("optimizer", each);
        }
        if (loss != null) {
            out.put("loss", loss.resolved());
        }
        out.put("metrics", metrics.stream().map(text -> MetricSpec.of(text).resolved()).toList());
        out.put("batch_size", batchSize);
        out.put("epochs", epochs);
        out.put("seed", seed);
        out.put("shuffle", shuffle);
        out.put("callbacks", callbacks.stream().map(CallbackSpec::resolved).toList());
        out.putAll(GradientSpec.resolved(gradients));
        out.put("dtype_policy", dtypePolicy.kerasName());
        return out;
    }
}
