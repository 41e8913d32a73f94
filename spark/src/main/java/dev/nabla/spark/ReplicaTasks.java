package dev.nabla.spark;

import dev.nabla.data.Dataset;
import dev.nabla.data.Subset;
import dev.nabla.nn.Layer;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskContext;

/** What a Spark task of data-parallel training runs: one replica, rebuilt from the recipe and the round's state. */
final class ReplicaTasks {

    private ReplicaTasks() {
    }

    /** Model averaging: {@code syncEvery} steps (or the epoch's rest) of round {@code round} on this partition's shard. */
    static Iterator<RoundResult> averagingRound(TrainingJob job, ModelState start, int epoch, int round) {
        int partition = TaskContext.getPartitionId();
        Dataset data = DataSource.cached(job.source());
        Model replica = replica(job.recipe(), data, start, Model::new);
        int[] examples = job.plan().roundExamples(job.plan().shard(epoch, partition), round);
        return List.of(train(replica, data, examples, job.plan(), () -> 0.0)).iterator();
    }

    /**
     * Gradient averaging: the whole epoch of this partition's shard, every step's gradients averaged
     * through the driver's {@link GradientServer} at {@code host:port}.
     */
    static Iterator<RoundResult> synchronousEpoch(TrainingJob job, ModelState start, int epoch, String host, int port)
            throws IOException {
        BarrierTaskContext context = BarrierTaskContext.get();
        Dataset data = DataSource.cached(job.source());
        try (DriverGradientExchange exchange = new DriverGradientExchange(host, port, context.stageAttemptNumber(),
                context.partitionId());
             KillWatch ignored = new KillWatch(context, exchange)) {
            Model replica = replica(job.recipe(), data, start, network -> new SynchronousReplica(network, exchange));
            int[] examples = job.plan().shard(epoch, context.partitionId());
            return List.of(train(replica, data, examples, job.plan(), exchange::seconds)).iterator();
        }
    }

    /** A model made from the recipe, compiled, and set to {@code start}'s weights and optimizer state. */
    static Model replica(ModelRecipe recipe, Dataset data, ModelState start, Function<Layer, Model> wrap) {
        Layer network = recipe.network();
        Model model = wrap.apply(network);
        model.predict(data.batch(0).features(), 1);   // lazily sized layers create their parameters
        model.compile(recipe.optimizer(network.parameters()), recipe.loss(), recipe.metrics());
        if (!start.isEmpty()) {
            start.applyTo(network, model.optimizer());
        }
        return model;
    }

    private static RoundResult train(Model replica, Dataset data, int[] examples, ShardPlan plan,
                                     DoubleSupplier exchangeSeconds) {
        long begin = System.nanoTime();
        History history = replica.fit(new Subset(data, examples), FitOptions.defaults().epochs(1)
                .batchSize(plan.workerBatchSize()).shuffle(false, 0L).verbose(false));
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Double> logs = new LinkedHashMap<>();
        history.values().forEach((name, values) -> logs.put(name, values.getLast()));
        return RoundResult.of(ModelState.of(replica.network(), replica.optimizer()), logs, examples.length, seconds,
                exchangeSeconds.getAsDouble());
    }
}
