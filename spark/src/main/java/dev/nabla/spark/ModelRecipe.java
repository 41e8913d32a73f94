package dev.nabla.spark;

import dev.nabla.loss.Loss;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Metrics;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How to make the model anew on any machine of a cluster: its network, then its optimizer,
 * loss and metrics ({@code Model.compile}'s three). Spark ships the recipe, not the model, to
 * each task; the weights and optimizer state follow from the driver at every round.
 *
 * <pre>{@code
 * ModelRecipe recipe = ModelRecipe.of(
 *         () -> new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10)),
 *         "adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public interface ModelRecipe extends Serializable {

    /** A new network (its layers may size themselves on the first input). */
    Layer network();

    /** An optimizer over the built network's parameters. */
    Optimizer optimizer(List<Parameter> parameters);

    /** The loss to train with. */
    Loss loss();

    /** The metrics to report, new objects on each call (they hold running sums). */
    Metric[] metrics();

    /** A network made by a lambda the cluster can ship; the optimizer, loss and metrics by their Keras names. */
    static ModelRecipe of(NetworkFactory network, String optimizer, String loss, String... metrics) {
        return new NamedRecipe(network, optimizer, loss, metrics.clone());
    }

    /** Makes a network; a lambda cast to this type is serialisable, so Spark can ship it. */
    @FunctionalInterface
    interface NetworkFactory extends Serializable {
        /** A new, untrained network. */
        Layer create();
    }

    /** The recipe {@link #of} returns. */
    record NamedRecipe(NetworkFactory factory, String optimizerName, String lossName, String[] metricNames)
            implements ModelRecipe {

        /** Checks the names at once, on the driver, rather than in the first task. */
        public NamedRecipe {
            Optimizers.byName(optimizerName);
            Losses.byName(lossName);
            Arrays.stream(metricNames).forEach(Metrics::byName);
        }

        @Override
        public Layer network() {
            return factory.create();
        }

        @Override
        public Optimizer optimizer(List<Parameter> parameters) {
            return Optimizers.byName(optimizerName).apply(parameters);
        }

        @Override
        public Loss loss() {
            return Losses.byName(lossName);
        }

        @Override
        public Metric[] metrics() {
            return Arrays.stream(metricNames).map(Metrics::byName).toArray(Metric[]::new);
        }
    }
}
