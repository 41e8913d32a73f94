package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.data.BatchIterator;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.WeightedDataset;
import dev.nabla.loss.Loss;
import dev.nabla.loss.Losses;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Metrics;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Summary;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keras's {@code Model} around any {@link Layer}: {@code compile} stores the optimizer, loss
 * and metrics; {@code fit} runs epochs of {@link #trainStep} with validation, callbacks and a
 * {@link History}; {@code evaluate} and {@code predict} run without gradients.
 *
 * <pre>{@code
 * Model model = new Model(new Sequential(new Flatten(), new Dense(128), new Relu(), new Dense(10)));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * History history = model.fit(train, FitOptions.defaults().epochs(5).validationSplit(0.1f));
 * }</pre>
 *
 * <p>{@link #trainStep} is the only place weights change inside {@code fit}; override it
 * (and {@link #testStep}) to customise training, as a GAN or VAE does.
 */
public class Model {

    private final Layer network;
    private Function<List<Parameter>, Optimizer> optimizerFactory;
    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();
    private Tensor classWeights;
    private boolean stopRequested;

    /** A model computing with {@code network}. */
    public Model(Layer network) {
        this.network = network;
    }

    /** Uses an optimizer made for this model's parameters, a loss and metrics. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        this.optimizer = optimizer;
        this.optimizerFactory = null;
        return setLossAndMetrics(loss, metrics);
    }

    /** Uses an optimizer created once the network is built (for lazily sized layers). */
    public Model compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics) {
        this.optimizer = null;
        this.optimizerFactory = optimizer;
        return setLossAndMetrics(loss, metrics);
    }

    /** Keras-style names: {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}. */
    public Model compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.byName(optimizer), Losses.byName(loss),
                Arrays.stream(metrics).map(Metrics::byName).toArray(Metric[]::new));
    }

    private Model setLossAndMetrics(Loss loss, Metric... metrics) {
        this.loss = loss;
        this.metrics = List.of(metrics);
        return this;
    }

    /** Trains on features x and targets y. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(new TensorDataset(x, y), options);
    }

    /** Trains on features x and targets y, each sample's loss weighted (Keras's sample_weight, [N]). */
    public History fit(Tensor x, Tensor y, Tensor sampleWeights, FitOptions options) {
        return fit(new WeightedDataset(new TensorDataset(x, y), sampleWeights), options);
    }

    /** Trains on a data set: epochs of shuffled batches, validation after each, callbacks throughout. */
    public History fit(Dataset data, FitOptions options) {
        requireCompiled("fit");
        Dataset train = data;
        Dataset validation = options.validationData();
        if (options.validationSplit() > 0f) {
            Dataset[] parts = Validation.split(data, options.validationSplit());
            train = parts[0];
            validation = parts[1];
        }
        DataLoader loader = new DataLoader(train, options.batchSize(),
                options.shuffle() ? new Generator(options.seed()) : null, false);
        ensureOptimizer(train);
        classWeights = options.classWeights() == null ? null : Tensor.of(options.classWeights());
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        if (options.verbose()) {
            callbacks.add(new ProgressBar(System.out, options.epochs(), loader.numberOfBatches()));
        }
        callbacks.addAll(options.callbacks());
        callbacks.add(history);
        stopRequested = false;
        callbacks.forEach(c -> c.onTrainBegin(this));
        Map<String, Double> logs = Map.of();
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !stopRequested; epoch++) {
            int current = epoch;
            callbacks.forEach(c -> c.onEpochBegin(current));
            Map<String, Double> epochLogs = runEpoch(loader, callbacks);
            if (validation != null) {
                evaluate(validation, options.batchSize()).forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            logs = epochLogs;
            callbacks.forEach(c -> c.onEpochEnd(current, epochLogs));
        }
        Map<String, Double> finalLogs = logs;
        callbacks.forEach(c -> c.onTrainEnd(finalLogs));
        classWeights = null;
        return history;
    }

    private Map<String, Double> runEpoch(DataLoader loader, List<Callback> callbacks) {
        metrics.forEach(Metric::reset);
        RunningMeans means = new RunningMeans();
        Map<String, Double> logs = new LinkedHashMap<>();
        int index = 0;
        try (BatchIterator batches = loader.iterator()) {
            while (batches.hasNext() && !stopRequested) {
                Batch batch = batches.next();
                int current = index++;
                callbacks.forEach(c -> c.onTrainBatchBegin(current));
                means.add(trainStep(batch), batch.size());
                logs = logs(means);
                Map<String, Double> batchLogs = Map.copyOf(logs);
                callbacks.forEach(c -> c.onTrainBatchEnd(current, batchLogs));
            }
        }
        return logs;
    }

    /**
     * One optimisation step: forward, loss, backward, optimizer step, metric update.
     * Returns this batch's loss values by name (averaged over the epoch by {@code fit}).
     */
    protected Map<String, Double> trainStep(Batch batch) {
        network.train();
        Tensor predictions = network.forward(batch.features());
        Tensor value = computeLoss(predictions, batch.targets(), batch.weights());
        value.backward();
        optimizer.step();
        optimizer.zeroGrad();
        updateMetrics(predictions.detach(), batch.targets());
        return Map.of("loss", (double) value.item());
    }

    /** One evaluation step without gradients; returns this batch's loss values by name. */
    protected Map<String, Double> testStep(Batch batch) {
        Tensor predictions = network.forward(batch.features());
        updateMetrics(predictions, batch.targets());
        return Map.of("loss", (double) computeLoss(predictions, batch.targets(), batch.weights()).item());
    }

    /**
     * The compiled loss; with sample weights (null if none) or class weights given to
     * {@code fit}, each sample's loss is multiplied by its weights and the products summed
     * and divided by the batch size (Keras's rule).
     */
    protected Tensor computeLoss(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        if (classWeights == null && sampleWeights == null) {
            return loss.apply(predictions, targets);
        }
        return Weighting.weightedLoss(loss, predictions, targets, classWeights, sampleWeights);
    }

    /** Feeds a batch to every compiled metric. */
    protected void updateMetrics(Tensor predictions, Tensor targets) {
        metrics.forEach(m -> m.update(predictions, targets));
    }

    private Map<String, Double> logs(RunningMeans means) {
        Map<String, Double> logs = new LinkedHashMap<>(means.values());
        metrics.forEach(m -> logs.putAll(m.results()));
        return logs;
    }

    /** Loss and metrics on features x and targets y, in batches of 32. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(new TensorDataset(x, y), 32);
    }

    /** Loss and metrics over a data set, in evaluation mode and without gradients. */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        requireCompiled("evaluate");
        boolean training = network.isTraining();
        network.eval();
        metrics.forEach(Metric::reset);
        RunningMeans means = new RunningMeans();
        try (NoGrad ignored = NoGrad.enter(); BatchIterator batches = new DataLoader(data, batchSize).iterator()) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                means.add(testStep(batch), batch.size());
            }
        } finally {
            if (training) {
                network.train();
            }
        }
        return logs(means);
    }

    /** The network's outputs for x, in evaluation mode, computed in batches of 32. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** The network's outputs for x, computed in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        boolean training = network.isTraining();
        network.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < x.dim(0); start += batchSize) {
                parts.add(network.forward(x.slice(0, start, Math.min(x.dim(0), start + batchSize))));
            }
            return parts.size() == 1 ? parts.get(0) : Tensor.concat(0, parts.toArray(Tensor[]::new));
        } finally {
            if (training) {
                network.train();
            }
        }
    }

    /** Asks {@code fit} to stop after the current batch (Keras's {@code stop_training = True}). */
    public void stopTraining() {
        stopRequested = true;
    }

    /** Whether a stop was requested during the current {@code fit}. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /** The network being trained. */
    public Layer network() {
        return network;
    }

    /** The optimizer, once created (after compile with an optimizer, or once fit has started). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The compiled loss. */
    public Loss loss() {
        return loss;
    }

    /**
     * Keras's summary table for samples of the given shape (without the batch dimension); with
     * none, for the shape the network has seen or was declared (see {@link Summary#of(Layer)}).
     */
    public String summary(int... sampleShape) {
        return Summary.of(network, sampleShape);
    }

    private void ensureOptimizer(Dataset data) {
        if (optimizer != null) {
            return;
        }
        // Lazily sized layers create their parameters on a first forward pass.
        int probe = Math.min(2, data.size());
        int[] indices = new int[probe];
        for (int i = 0; i < probe; i++) {
            indices[i] = i;
        }
        boolean training = network.isTraining();
        network.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            network.forward(data.batch(indices).features());
        } finally {
            if (training) {
                network.train();
            }
        }
        optimizer = optimizerFactory.apply(network.trainableParameters());
    }

    private void requireCompiled(String what) {
        if (loss == null || (optimizer == null && optimizerFactory == null)) {
            throw new IllegalStateException(what + ": the model is not compiled; call compile(optimizer, loss, metrics)"
                    + " first, e.g. compile(\"adam\", \"sparse_categorical_crossentropy\", \"accuracy\")");
        }
    }
}
