package dev.nabla.spark;

import dev.nabla.data.Dataset;
import dev.nabla.io.ModelFile;
import dev.nabla.train.Callback;
import dev.nabla.train.FitOptions;
import dev.nabla.train.History;
import dev.nabla.train.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training on Spark, driven like {@link Model#fit}: epochs, shuffling across
 * partitions, callbacks and validation on the driver, a {@link History}. Each round the driver
 * broadcasts the model's weights and optimizer state, every partition trains a replica on its
 * shard, {@code treeAggregate} sums the replicas' states and the driver keeps their mean. The
 * same seed gives the same run, and after every round the driver writes {@value #ROUND_CHECKPOINT}
 * (when {@link SparkTraining#checkpointDirectory} is set), from which a new run resumes.
 *
 * <pre>{@code
 * SparkTrainer trainer = new SparkTrainer(sparkContext, SparkTraining.modelAveraging(2, 8));
 * History history = trainer.fit(recipe, DataSource.named("fashion-mnist:train", 0),
 *         FitOptions.defaults().epochs(3).batchSize(64).shuffle(true, 7));
 * Model trained = trainer.model();
 * }</pre>
 */
public final class SparkTrainer {

    /** The file the driver writes after each round, in the checkpoint directory. */
    public static final String ROUND_CHECKPOINT = "round.nabla";
    private static final ClassTag<RoundResult> RESULT = ClassTag$.MODULE$.apply(RoundResult.class);

    private final JavaSparkContext context;
    private final SparkTraining training;
    private final List<RoundTiming> timings = new ArrayList<>();
    private Model model;

    /** A trainer running its rounds as jobs of {@code context}. */
    public SparkTrainer(JavaSparkContext context, SparkTraining training) {
        this.context = context;
        this.training = training;
    }

    /**
     * Trains a model made from {@code recipe} on {@code source}'s examples for {@code options.epochs()}
     * epochs of batches of {@code options.batchSize()} examples over all replicas together, shuffled
     * with {@code options.seed()}; validates on {@code options.validationData()} after each epoch and
     * calls {@code options.callbacks()} on the driver (a batch of theirs is a round). Resumes from the
     * round checkpoint when the checkpoint directory holds one.
     *
     * @throws IOException if the data or the checkpoint cannot be read, or a checkpoint not written
     */
    public History fit(ModelRecipe recipe, DataSource source, FitOptions options) throws IOException {
        Dataset data = DataSource.cached(source);
        ShardPlan plan = new ShardPlan(data.size(), training.workers(), options.batchSize(), training.syncEvery(),
                options.seed(), options.shuffle());
        TrainingJob job = new TrainingJob(recipe, source, plan);
        model = ReplicaTasks.replica(recipe, data, new ModelState(), Model::new);
        int[] position = resume(options.initialEpoch());
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(options.callbacks());
        callbacks.add(history);
        callbacks.forEach(c -> c.onTrainBegin(model));
        Map<String, Double> logs = Map.of();
        int rounds = training.synchronisation() == Synchronisation.MODEL_AVERAGING ? plan.roundsPerEpoch() : 1;
        for (int epoch = position[0]; epoch < options.epochs() && !model.isStopRequested(); epoch++) {
            int current = epoch;
            callbacks.forEach(c -> c.onEpochBegin(current));
            RoundResult epochLogs = new RoundResult();
            for (int round = epoch == position[0] ? position[1] : 0; round < rounds && !model.isStopRequested(); round++) {
                RoundResult result = round(job, epoch, round, rounds, options.epochs());
                epochLogs.add(RoundResult.of(new ModelState(), result.logs(), result.examples(), 0, 0));
                Map<String, Double> roundLogs = Map.copyOf(result.logs());
                int index = round;
                callbacks.forEach(c -> c.onTrainBatchEnd(index, roundLogs));
                writeCheckpoint(round + 1 < rounds ? epoch : epoch + 1, (round + 1) % rounds);
            }
            Map<String, Double> epochEnd = new LinkedHashMap<>(epochLogs.logs());
            if (options.validationData() != null) {
                model.evaluate(options.validationData(), options.batchSize())
                        .forEach((name, value) -> epochEnd.put("val_" + name, value));
            }
            if (options.verbose()) {
                System.out.println(line(epoch, options.epochs(), epochEnd));
            }
            logs = epochEnd;
            callbacks.forEach(c -> c.onEpochEnd(current, epochEnd));
        }
        Map<String, Double> finalLogs = logs;
        callbacks.forEach(c -> c.onTrainEnd(finalLogs));
        return history;
    }

    private RoundResult round(TrainingJob job, int epoch, int round, int rounds, int epochs) throws IOException {
        long start = System.nanoTime();
        ModelState state = ModelState.of(model.network(), model.optimizer());
        context.setJobDescription(String.format(Locale.ROOT, "nabla %s: epoch %d/%d, round %d/%d",
                training.synchronisation().fileName(), epoch + 1, epochs, round + 1, rounds));
        Broadcast<ModelState> broadcast = context.broadcast(state);
        JavaRDD<Integer> partitions = context.parallelize(IntStream.range(0, training.workers()).boxed().toList(),
                training.workers());
        JavaRDD<RoundResult> results;
        RoundResult result;
        if (training.synchronisation() == Synchronisation.MODEL_AVERAGING) {
            results = partitions.mapPartitions(ignored -> ReplicaTasks.averagingRound(job, broadcast.value(), epoch, round));
            result = results.treeAggregate(new RoundResult(), RoundResult::add, RoundResult::add);
        } else {
            try (GradientServer server = new GradientServer(context.getConf().get("spark.driver.host", "127.0.0.1"),
                    training.workers())) {
                results = new JavaRDD<>(partitions.rdd().barrier().mapPartitions(new BarrierEpoch(job, broadcast, epoch,
                        server.host(), server.port()), false, RESULT), RESULT);
                result = results.treeAggregate(new RoundResult(), RoundResult::add, RoundResult::add);
            }
        }
        broadcast.destroy();
        if (result.replicas() != training.workers()) {
            throw new IllegalStateException("round " + round + " of epoch " + epoch + " got " + result.replicas()
                    + " replicas' states for " + training.workers() + " workers");
        }
        ModelState mean = result.meanState();
        mean.applyTo(model.network(), model.optimizer());
        timings.add(new RoundTiming(epoch, round, (System.nanoTime() - start) / 1e9, result.trainingSeconds(),
                result.exchangeSeconds(), result.examples(), mean.floatCount()));
        return result;
    }

    /** The epoch and round to start from: the checkpoint's, when there is one, else {@code initialEpoch} and 0. */
    private int[] resume(int initialEpoch) throws IOException {
        Path file = checkpointFile();
        if (file == null || !Files.exists(file)) {
            return new int[] {initialEpoch, 0};
        }
        Map<String, String> state = model.restore(file).trainingState();
        return new int[] {Integer.parseInt(state.get("epoch")), Integer.parseInt(state.get("round"))};
    }

    private void writeCheckpoint(int nextEpoch, int nextRound) {
        Path file = checkpointFile();
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            ModelFile.saveCheckpoint(file, model.network(), model.optimizers(), Map.of("epoch",
                    Integer.toString(nextEpoch), "round", Integer.toString(nextRound),
                    "synchronisation", training.synchronisation().fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private Path checkpointFile() {
        return training.checkpointDirectory() == null ? null : training.checkpointDirectory().resolve(ROUND_CHECKPOINT);
    }

    private static String line(int epoch, int epochs, Map<String, Double> logs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d", epoch + 1, epochs));
        logs.forEach((name, value) -> out.append(String.format(Locale.ROOT, " - %s: %.4f", name, value)));
        return out.toString();
    }

    /** The model being trained on the driver, holding the mean of the replicas after each round (null before fit). */
    public Model model() {
        return model;
    }

    /** Every round's cost so far, in order. */
    public List<RoundTiming> timings() {
        return List.copyOf(timings);
    }
}
