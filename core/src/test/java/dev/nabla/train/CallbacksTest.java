package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Plateau;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in callbacks in real fit runs on a small regression problem. */
class CallbacksTest {

    private static final Tensor X = Tensor.randn(new Generator(1), 64, 3);
    private static final Tensor Y = X.matmul(Tensor.of(new float[] {1f, -1f, 2f}, 3, 1));

    private static Model regression(float learningRate) {
        Layer.manualSeed(4);
        Model model = new Model(new Sequential(Dense.linear(3, 1)));
        model.compile(params -> new Sgd(params, learningRate), new dev.nabla.loss.MeanSquaredError());
        return model;
    }

    private static FitOptions quiet(int epochs) {
        return FitOptions.defaults().epochs(epochs).batchSize(16).verbose(false);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Model model = regression(0.1f);
        // A validation set the model cannot fit: val_loss stops improving quickly.
        var noise = new dev.nabla.data.TensorDataset(X, Tensor.randn(new Generator(9), 64, 1));
        EarlyStopping stopping = new EarlyStopping("val_loss", Plateau.Mode.MIN, 0.0, 2, true);
        History history = model.fit(X, Y, quiet(50).validationData(noise).callbacks(stopping));
        assertTrue(stopping.stoppedEpoch() > 0 && stopping.stoppedEpoch() < 49,
                "stopped at " + stopping.stoppedEpoch());
        assertEquals(stopping.stoppedEpoch() + 1, history.epochs().size());
        double bestVal = history.get("val_loss").get(stopping.bestEpoch());
        assertEquals(bestVal, model.evaluate(noise, 64).get("loss"), 1e-5, "weights of the best epoch are back");
    }

    @Test
    void onGradientsSeesEachUpdatesGradientsBeforeTheStepZeroesThem() {
        Model model = regression(0.05f);
        List<Float> norms = new java.util.ArrayList<>();
        Callback observer = new Callback() {
            @Override
            public void onGradients(Model trained) {
                Tensor gradient = trained.network().namedParameters().get("0.weight").grad();
                norms.add(gradient.mul(gradient).sum().item());
            }
        };
        model.fit(X, Y, quiet(2).callbacks(observer));
        assertEquals(2 * 64 / 16, norms.size(), "one call per update");
        assertTrue(norms.stream().allMatch(norm -> norm > 0), norms.toString());
        assertEquals(null, model.network().namedParameters().get("0.weight").grad(), "zeroed after the step");
    }

    @Test
    void csvLoggerWritesARowPerEpoch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.csv");
        regression(0.05f).fit(X, Y, quiet(3).callbacks(new CsvLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertEquals("epoch,loss,learning_rate", lines.get(0));
        assertTrue(lines.get(3).startsWith("2,"), lines.get(3));
    }

    @Test
    void terminateOnNaNStopsAtTheFirstNonFiniteLoss() {
        TerminateOnNaN terminate = new TerminateOnNaN();
        History history = regression(1e6f).fit(X, Y.mul(1e6f), quiet(20).callbacks(terminate));
        assertNotNull(terminate.report());
        assertTrue(terminate.report().contains("0.weight") || terminate.report().contains("0.bias")
                || terminate.report().contains("overflowed"), terminate.report());
        assertTrue(history.epochs().size() < 20);
    }

    @Test
    void learningRateSchedulerSetsTheRateEachEpoch() {
        Model model = regression(0.1f);
        float[] seen = new float[3];
        model.fit(X, Y, quiet(3).callbacks(new LearningRateScheduler((epoch, rate) -> 0.1f / (epoch + 1)),
                new Callback() {
                    @Override
                    public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                        seen[epoch] = model.optimizer().learningRate();
                    }
                }));
        assertEquals(0.1f, seen[0], 1e-7);
        assertEquals(0.05f, seen[1], 1e-7);
        assertEquals(0.1f / 3, seen[2], 1e-7);
    }

    @Test
    void reduceLearningRateOnPlateauLowersTheRate() {
        Model model = regression(0.1f);
        var noise = new dev.nabla.data.TensorDataset(X, Tensor.randn(new Generator(9), 64, 1));
        model.fit(X, Y, quiet(20).validationData(noise)
                .callbacks(new ReduceLearningRateOnPlateau("val_loss", r -> r.factor(0.5f).patience(1))));
        assertTrue(model.optimizer().learningRate() < 0.1f, "rate " + model.optimizer().learningRate());
    }
}
