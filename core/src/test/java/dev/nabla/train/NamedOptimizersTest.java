package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.TensorDataset;
import dev.nabla.io.ModelFile;
import dev.nabla.loss.BinaryCrossEntropy;
import dev.nabla.loss.Loss;
import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.Sgd;
import dev.nabla.optim.StepDecay;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedOptimizersTest {

    /** Real samples: points near (2, -1). */
    private static final Tensor REAL = Tensor.randn(new Generator(1), 32, 2).mul(0.1f).add(Tensor.of(2f, -1f));

    @TempDir
    Path directory;

    /**
     * A GAN as a Model: the network is the generator (noise [N, 2] → samples [N, 2]) followed by
     * the discriminator (samples → a logit [N, 1]), so one model file holds both; each has its
     * own optimizer. The noise of a step is drawn from the global step, so a restored run draws
     * the same noise as the original.
     */
    private static final class Gan extends Model {
        private static final Loss BCE = new BinaryCrossEntropy().fromLogits(true);
        private final Layer generator;
        private final Layer discriminator;

        Gan(long seed, float discriminatorRate) {
            this(networks(seed), discriminatorRate);
        }

        private Gan(Sequential network, float discriminatorRate) {
            super(network);
            generator = network.get(0);
            discriminator = network.get(1);
            Map<String, Optimizer> optimizers = new LinkedHashMap<>();
            optimizers.put("generator", new Adam(generator.trainableParameters(), 0.01f));
            optimizers.put("discriminator", new Adam(discriminator.trainableParameters(), discriminatorRate));
            compile(optimizers, null);
        }

        private static Sequential networks(long seed) {
            Layer.manualSeed(seed);
            return new Sequential(new Sequential(Dense.linear(2, 8), new Relu(), Dense.linear(8, 2)),
                    new Sequential(Dense.linear(2, 8), new Relu(), Dense.linear(8, 1)));
        }

        @Override
        protected Map<String, Double> trainStep(Batch batch) {
            network().train();
            int n = batch.size();
            Tensor noise = Tensor.randn(new Generator(1000 + globalStep()), n, 2);
            Tensor fake = generator.forward(noise);
            Tensor discriminatorLoss = BCE.apply(discriminator.forward(batch.features()), Tensor.ones(n, 1))
                    .add(BCE.apply(discriminator.forward(fake.detach()), Tensor.zeros(n, 1)));
            discriminatorLoss.backward();
            applyGradients("discriminator");
            Tensor generatorLoss = BCE.apply(discriminator.forward(fake), Tensor.ones(n, 1));
            generatorLoss.backward();
            applyGradients("generator");
            optimizer("discriminator").zeroGrad();   // the generator's loss reached the discriminator too
            return Map.of("discriminator_loss", (double) discriminatorLoss.item(),
                    "generator_loss", (double) generatorLoss.item());
        }
    }

    private static FitOptions epochs(int from, int to) {
        return FitOptions.defaults().epochs(to).initialEpoch(from).batchSize(8).shuffle(true, 5).verbose(false);
    }

    @Test
    void aGanTrainsTwoNamedOptimizersAndContinuesBitwiseFromACheckpoint() throws IOException {
        Gan original = new Gan(3, 0.005f);
        Path file = directory.resolve("gan.nabla");
        History first = original.fit(new TensorDataset(REAL, REAL), epochs(0, 3).callbacks(new ModelCheckpoint(file)));
        assertEquals(12, original.globalStep(), "4 batches an epoch, one step each although two optimizers update");
        assertEquals(Set.of("discriminator_loss", "generator_loss", "generator_learning_rate",
                "discriminator_learning_rate"), first.values().keySet());
        assertTrue(first.get("discriminator_loss").stream().allMatch(Double::isFinite), first.values().toString());
        original.fit(new TensorDataset(REAL, REAL), epochs(3, 5));

        Gan resumed = new Gan(99, 0.5f);   // other weights and rates: all come from the file
        ModelFile.LoadedModel loaded = resumed.restore(file);
        assertEquals("3", loaded.trainingState().get("epoch"));
        assertEquals(12, resumed.globalStep());
        assertEquals(0.005f, resumed.optimizer("discriminator").learningRate());
        resumed.fit(new TensorDataset(REAL, REAL), epochs(3, 5));

        assertEquals(20, resumed.globalStep());
        original.network().stateDict().forEach((key, value) -> assertArrayEquals(value.toFloatArray(),
                resumed.network().stateDict().get(key).toFloatArray(), key));
        for (String name : List.of("generator", "discriminator")) {
            Map<String, Tensor> expected = original.optimizer(name).state();
            Map<String, Tensor> actual = resumed.optimizer(name).state();
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((key, value) -> assertArrayEquals(value.toFloatArray(), actual.get(key).toFloatArray(),
                    name + " " + key));
        }
    }

    @Test
    void severalOptimizersAreFoundByNameAndMayNotShareParameters() {
        Gan gan = new Gan(3, 0.01f);
        assertEquals(List.of("generator", "discriminator"), List.copyOf(gan.optimizers().keySet()));
        assertEquals("the model has several optimizers [generator, discriminator]; choose one with optimizer(name)",
                assertThrows(IllegalStateException.class, gan::optimizer).getMessage());
        assertEquals("the model has no optimizer named 'critic'; it has [generator, discriminator]",
                assertThrows(IllegalArgumentException.class, () -> gan.optimizer("critic")).getMessage());
        Dense shared = Dense.linear(2, 2);
        Map<String, Optimizer> overlapping = new LinkedHashMap<>();
        overlapping.put("a", new Sgd(shared.trainableParameters(), 0.1f));
        overlapping.put("b", new Adam(shared.trainableParameters()));
        var e = assertThrows(IllegalArgumentException.class, () -> new Model(shared).compile(overlapping, null));
        assertTrue(e.getMessage().startsWith("compile: optimizers 'a' and 'b' both update "), e.getMessage());
        var accumulation = assertThrows(IllegalArgumentException.class, () -> gan.fit(new TensorDataset(REAL, REAL),
                epochs(0, 1).gradients(GradientOptions.NONE.accumulationSteps(2))));
        assertEquals("fit: gradient accumulation works with one optimizer; this model has 2",
                accumulation.getMessage());
    }

    @Test
    void aSingleOptimizerIsTheDefaultOneAndItsGlobalStepIsRestored() throws IOException {
        Layer.manualSeed(4);
        Sequential network = new Sequential(Dense.linear(2, 1));
        Model model = new Model(network).compile(new Adam(network.trainableParameters(), 0.01f),
                new MeanSquaredError());
        assertEquals(List.of(ModelFile.DEFAULT_OPTIMIZER), List.copyOf(model.optimizers().keySet()));
        Path file = directory.resolve("one.nabla");
        model.fit(REAL, REAL.sum(1, true), epochs(0, 2).callbacks(new ModelCheckpoint(file)));
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        assertEquals("8", loaded.trainingState().get(ModelCheckpoint.GLOBAL_STEP));
        assertEquals("Adam", loaded.metadata().get("optimizer"), "one optimizer is saved as before");

        Layer.manualSeed(5);
        Sequential other = new Sequential(Dense.linear(2, 1));
        Model resumed = new Model(other).compile(new Adam(other.trainableParameters()),
                new MeanSquaredError());
        resumed.restore(file);
        assertEquals(8, resumed.globalStep());
        assertEquals(0.01f, resumed.optimizer().learningRate());
    }

    private static Model regression(long seed) {
        Layer.manualSeed(seed);
        Sequential network = new Sequential(Dense.linear(2, 4), new Relu(), Dense.linear(4, 1));
        return new Model(network).compile(new Adam(network.trainableParameters(), 0.01f), new MeanSquaredError());
    }

    @Test
    void aPerUpdateScheduleContinuesFromACheckpointWithItsBaseRates() throws IOException {
        Tensor targets = REAL.sum(1, true);
        Model original = regression(4);
        ScheduledLearningRate schedule = ScheduledLearningRate.perUpdate(o -> new StepDecay(o, 3, 0.5f));
        Path file = directory.resolve("scheduled.nabla");
        original.fit(REAL, targets, epochs(0, 2).callbacks(schedule, new ModelCheckpoint(file)));
        original.fit(REAL, targets, epochs(2, 4).callbacks(schedule));

        Model resumed = regression(5);
        resumed.restore(file);
        ScheduledLearningRate fresh = ScheduledLearningRate.perUpdate(o -> new StepDecay(o, 3, 0.5f));
        resumed.fit(REAL, targets, epochs(2, 4).callbacks(fresh));
        assertEquals(16, fresh.schedule().stepCount());
        assertEquals(0.01f * 0.5f * 0.5f * 0.5f * 0.5f * 0.5f, resumed.optimizer().learningRate(), 1e-9f);
        assertEquals(original.optimizer().learningRate(), resumed.optimizer().learningRate());
        original.network().stateDict().forEach((key, value) -> assertArrayEquals(value.toFloatArray(),
                resumed.network().stateDict().get(key).toFloatArray(), key));
    }

    @Test
    void plateauAndScheduleCallbacksActOnEveryOptimizerOrANamedOne() {
        Gan gan = new Gan(3, 0.01f);
        ReduceLearningRateOnPlateau discriminatorOnly = new ReduceLearningRateOnPlateau("loss",
                r -> r.factor(0.5f).patience(0)).optimizer("discriminator");
        ReduceLearningRateOnPlateau every = new ReduceLearningRateOnPlateau("loss", r -> r.factor(0.1f).patience(0));
        discriminatorOnly.onTrainBegin(gan);
        every.onTrainBegin(gan);
        for (int epoch = 0; epoch < 2; epoch++) {
            discriminatorOnly.onEpochEnd(epoch, Map.of("loss", 1.0));
            every.onEpochEnd(epoch, Map.of("loss", 1.0));
        }
        assertEquals(0.01f * 0.1f, gan.optimizer("generator").learningRate(), 1e-9f);
        assertEquals(0.01f * 0.5f * 0.1f, gan.optimizer("discriminator").learningRate(), 1e-9f);

        ScheduledLearningRate schedules = ScheduledLearningRate.perEpoch(o -> new StepDecay(o, 1, 0.5f));
        schedules.onTrainBegin(gan);
        schedules.onEpochBegin(2);
        assertEquals(List.of("generator", "discriminator"), List.copyOf(schedules.schedules().keySet()));
        assertEquals(0.01f * 0.1f * 0.25f, gan.optimizer("generator").learningRate(), 1e-9f);
        LearningRateScheduler generatorOnly = new LearningRateScheduler((epoch, rate) -> 0.125f).optimizer("generator");
        generatorOnly.onTrainBegin(gan);
        generatorOnly.onEpochBegin(0);
        assertEquals(0.125f, gan.optimizer("generator").learningRate());
        assertEquals(0.01f * 0.05f * 0.25f, gan.optimizer("discriminator").learningRate(), 1e-9f);
    }
}
