package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.data.BatchIterator;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import dev.nabla.data.WeightedDataset;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.Loss;
import dev.nabla.loss.Losses;
import dev.nabla.loss.PredictionCheck;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Metrics;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Summary;
import dev.nabla.optim.LossScaler;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>{@link #trainStep} is the only place weights change inside {@code fit}: {@link
 * #computeGradients}, then {@link #applyGradients} (clipping, accumulation, the update). Override
 * it (and {@link #testStep}) to customise training, as a GAN or VAE does.
 *
 * <p>Line budget: the class users subclass keeps every seam of a step (its two parts, the
 * loss, the checkpoint state) in one place, as Keras's {@code Model} does.
 */
public class Model {

    private final Layer network;
    private final NamedOptimizers optimizers = new NamedOptimizers();
    private Loss loss;
    /** Whether the first outputs since compile have been checked against the loss (PredictionCheck). */
    private boolean predictionsChecked;
    private List<Metric> metrics = List.of();
    private Tensor classWeights;
    private boolean stopRequested;
    private final GradientSteps gradientSteps = new GradientSteps();
    private DTypePolicy dtypePolicy = DTypePolicy.FLOAT32;

    /** A model computing with {@code network}. */
    public Model(Layer network) {
        this.network = network;
    }

    /** Uses an optimizer made for this model's parameters, a loss and metrics. */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        optimizers.set(Map.of(ModelFile.DEFAULT_OPTIMIZER, optimizer));
        return setLossAndMetrics(loss, metrics);
    }

    /** Uses an optimizer created once the network is built (for lazily sized layers). */
    public Model compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics) {
        optimizers.setFactory(optimizer);
        return setLossAndMetrics(loss, metrics);
    }

    /**
     * Uses several optimizers by name, each over its own parameters (a GAN's {@code "generator"}
     * and {@code "discriminator"}), which an overridden {@link #trainStep} applies with {@link
     * #applyGradients(String)}; checkpoints save them all. The loss may be null when the steps
     * compute their own.
     *
     * @throws IllegalArgumentException if two optimizers share a parameter
     */
    public Model compile(Map<String, ? extends Optimizer> optimizers, Loss loss, Metric... metrics) {
        this.optimizers.set(optimizers);
        return setLossAndMetrics(loss, metrics);
    }

    /** Keras-style names: {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}. */
    public Model compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.byName(optimizer), Losses.byName(loss),
                Arrays.stream(metrics).map(Metrics::byName).toArray(Metric[]::new));
    }

    private Model setLossAndMetrics(Loss loss, Metric... metrics) {
        this.loss = loss;
        this.predictionsChecked = false;
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

    /**
     * Trains on a data set: epochs of shuffled batches, validation after each, callbacks
     * throughout. Epoch e is shuffled alike whether the run started at 0 or resumed at
     * {@link FitOptions#initialEpoch} e.
     */
    public History fit(Dataset data, FitOptions options) {
        optimizers.requireCompiled("fit");
        Dataset[] parts = Validation.parts(data, options);   // training, validation (or null)
        DataLoader loader = new DataLoader(parts[0], options.batchSize(),
                options.shuffle() ? new Generator(options.seed()) : null, false).skipEpochs(options.initialEpoch());
        optimizers.ensureCreated(network, parts[0]);
        classWeights = options.classWeights() == null ? null : Tensor.of(options.classWeights());
        gradientSteps.begin(optimizers.all().values(), dtypePolicy.gradients(options.gradients()));
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        if (options.verbose()) {
            callbacks.add(new ProgressBar(System.out, options.epochs(), loader.numberOfBatches()));
        }
        callbacks.addAll(options.callbacks());
        callbacks.add(history);
        stopRequested = false;
        gradientSteps.observeGradients(() -> callbacks.forEach(c -> c.onGradients(this)));
        callbacks.forEach(c -> c.onTrainBegin(this));
        Map<String, Double> logs = Map.of();
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !stopRequested; epoch++) {
            int current = epoch;
            callbacks.forEach(c -> c.onEpochBegin(current));
            Map<String, Double> epochLogs = runEpoch(loader, callbacks);
            if (parts[1] != null) {
                evaluate(parts[1], options.batchSize()).forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            optimizers.logLearningRates(epochLogs);
            logs = epochLogs;
            callbacks.forEach(c -> c.onEpochEnd(current, epochLogs));
        }
        Map<String, Double> finalLogs = logs;
        callbacks.forEach(c -> c.onTrainEnd(finalLogs));
        classWeights = null;
        gradientSteps.end();
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
                gradientSteps.beginBatch(!batches.hasNext());
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
     * One step, {@link #computeGradients} then {@link #applyGradients}, then the metrics; returns
     * the batch's loss values by name (averaged over the epoch by {@code fit}). Override it whole
     * (a GAN, a VAE) or to work between the two parts (an all-reduce of gradients, loss scaling).
     */
    protected Map<String, Double> trainStep(Batch batch) {
        BatchOutputs outputs = computeGradients(batch);
        applyGradients();
        updateMetrics(outputs.predictions(), batch.targets());
        return Map.of("loss", (double) outputs.loss().item());
    }

    /**
     * The first part of a step: forward in training mode (a batch of several inputs goes to
     * the network in its graph's input order, {@link #forward}), loss, backward, adding to the
     * parameters' gradients (with gradient accumulation, the loss divided by its step count).
     */
    protected BatchOutputs computeGradients(Batch batch) {
        network.train();
        Tensor predictions = forward(batch);
        Tensor value = computeLoss(predictions, batch.targets(), batch.weights(),
                BatchInputs.lossMask(predictions, batch));
        gradientSteps.backward(value);
        return new BatchOutputs(value, predictions.detach());
    }

    /**
     * The second part of a step: clip, optimizer step, zero gradients, as {@code fit}'s
     * {@link GradientOptions} say; with accumulation only once a group of batches is complete
     * or at an epoch's last batch (a short last group averages its own batches; one cut short
     * by a stop is dropped). Returns whether the optimizer stepped, advancing {@link #globalStep()}.
     */
    protected boolean applyGradients() {
        return gradientSteps.apply(optimizer());
    }

    /**
     * The second part of a step for the optimizer named {@code name}: clip its parameters'
     * gradients as {@code fit}'s {@link GradientOptions} say, step it, zero them. The first
     * update in a batch advances {@link #globalStep()}; returns true.
     */
    protected boolean applyGradients(String name) {
        return gradientSteps.apply(optimizer(name));
    }

    /** The network's outputs for a batch under the {@link #dtypePolicy}; several inputs go in a {@code Graph}'s input order. */
    protected Tensor forward(Batch batch) {
        return dtypePolicy.forward(() -> BatchInputs.forward(network, batch));
    }

    /** Computes under {@code value} from now on: {@code fit}, {@code evaluate} and {@code predict} (Keras's {@code dtype_policy}). */
    public Model dtypePolicy(DTypePolicy value) {
        dtypePolicy = Objects.requireNonNull(value, "dtypePolicy");
        return this;
    }

    /** The policy computations follow ({@link DTypePolicy#FLOAT32} unless set). */
    public DTypePolicy dtypePolicy() {
        return dtypePolicy;
    }

    /** One evaluation step without gradients; returns this batch's loss values by name. */
    protected Map<String, Double> testStep(Batch batch) {
        Tensor predictions = forward(batch);
        updateMetrics(predictions, batch.targets());
        return Map.of("loss", (double) computeLoss(predictions, batch.targets(), batch.weights(),
                BatchInputs.lossMask(predictions, batch)).item());
    }

    /**
     * The compiled loss; with sample weights (null if none) or class weights given to {@code fit}, each
     * sample's loss is multiplied by its weights and the products summed and divided by the batch size.
     */
    protected Tensor computeLoss(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        return computeLoss(predictions, targets, sampleWeights, null);
    }

    /**
     * The same over the real steps of a {@code mask [batch, time]} (null for none; {@link Loss#apply(Tensor,
     * Tensor, Tensor)}): {@code fit} gives the network output's mask, else the batch's for per-step targets.
     */
    protected Tensor computeLoss(Tensor predictions, Tensor targets, Tensor sampleWeights, Tensor mask) {
        if (loss == null) {
            throw new IllegalStateException("the model is compiled without a loss; give compile one, or override"
                    + " trainStep and testStep to compute your own");
        }
        if (!predictionsChecked) {
            predictionsChecked = true;
            String warning = PredictionCheck.check(loss, predictions);
            if (warning != null) {
                System.err.println("WARNING: " + warning);
            }
        }
        if (classWeights == null && sampleWeights == null) {
            return loss.apply(predictions, targets, mask);
        }
        return Weighting.weightedLoss(loss, predictions, targets, classWeights, sampleWeights, mask);
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
        optimizers.requireCompiled("evaluate");
        metrics.forEach(Metric::reset);
        RunningMeans means = new RunningMeans();
        return EvaluationMode.run(network, () -> {
            try (BatchIterator batches = new DataLoader(data, batchSize).iterator()) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    means.add(testStep(batch), batch.size());
                }
            }
            return logs(means);
        });
    }

    /** The network's outputs for x, in evaluation mode, computed in batches of 32. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /**
     * The network's outputs for x, computed in batches of {@code batchSize}, with evaluation
     * behaviour. Thread-safe: it changes nothing in the model (an {@link Inference} scope, not
     * {@code eval()}), so many threads may predict at once, each getting exactly the outputs
     * one thread would.
     */
    public Tensor predict(Tensor x, int batchSize) {
        return dtypePolicy.forward(() -> EvaluationMode.predict(network, x, batchSize));
    }

    /** Asks {@code fit} to stop after the current batch (Keras's {@code stop_training = True}). */
    public void stopTraining() {
        stopRequested = true;
    }

    /**
     * The optimizer updates {@code fit} has applied to this model, over all epochs and runs (Lightning's and Hugging Face's
     * {@code global_step}; Keras's {@code optimizer.iterations} counts batches instead under gradient accumulation), for
     * callbacks acting per step. A batch updating several optimizers counts once; {@link #restore} continues the count.
     */
    public long globalStep() {
        return gradientSteps.updates();
    }

    /** Whether a stop was requested during the current {@code fit}. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    /** The network being trained. */
    public Layer network() {
        return network;
    }

    /**
     * The optimizer, once created (after compile with an optimizer, or once fit has started);
     * with several, the one named {@value ModelFile#DEFAULT_OPTIMIZER}, else IllegalStateException.
     */
    public Optimizer optimizer() {
        return optimizers.single();
    }

    /** The optimizer named {@code name} ({@value ModelFile#DEFAULT_OPTIMIZER} for one given alone). */
    public Optimizer optimizer(String name) {
        return optimizers.get(name);
    }

    /** Every optimizer by name, in the order compiled (empty until created). */
    public Map<String, Optimizer> optimizers() {
        return optimizers.all();
    }

    /**
     * Continues training from a checkpoint ({@link ModelCheckpoint}, {@link ModelFile}): loads
     * its weights into this model's network, every optimizer's state by name and the
     * {@link #globalStep()}; returns what was loaded, whose {@code trainingState().get("epoch")}
     * is the {@link FitOptions#initialEpoch} to go on with. The network must be built, and the
     * optimizers of the same kinds and names as those saved.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the weights or optimizers do not fit this model
     */
    public ModelFile.LoadedModel restore(Path file) throws IOException {
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        optimizers.restore(network, loaded);
        gradientSteps.restore(loaded.trainingState());
        return loaded;
    }

    /** The loss scaler while {@code fit} scales the loss ({@link GradientOptions#lossScaling}), else null. */
    public LossScaler lossScaler() {
        return gradientSteps.scaler();
    }

    /**
     * Entries a subclass adds to the training state of every checkpoint {@link ModelCheckpoint}
     * writes (what a GAN needs to be rebuilt from its file: its latent size, its classes);
     * none by default.
     */
    protected Map<String, String> checkpointState() {
        return Map.of();
    }

    /** The optimizers, for the callbacks and checkpoints of this package. */
    NamedOptimizers namedOptimizers() {
        return optimizers;
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
}
