package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.optim.StepDecay;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduledLearningRateTest {

    private static final Tensor X = Tensor.randn(new Generator(1), 32, 3);
    private static final Tensor Y = Tensor.randn(new Generator(2), 32, 1);

    private static Model model() {
        Layer.manualSeed(4);
        Model model = new Model(new Sequential(Dense.linear(3, 1)));
        model.compile(params -> new Sgd(params, 0.1f), new MeanSquaredError());
        return model;
    }

    /** The rate each batch trained at, seen when the batch begins. */
    private static final class RatesSeen implements Callback {
        private final List<Float> rates = new ArrayList<>();
        private Model model;

        @Override
        public void onTrainBegin(Model trained) {
            model = trained;
        }

        @Override
        public void onTrainBatchBegin(int batch) {
            rates.add(model.optimizer().learningRate());
        }
    }

    private static List<Float> decayed(float... factors) {
        List<Float> out = new ArrayList<>();
        for (float f : factors) {
            out.add((float) (0.1 * f));
        }
        return out;
    }

    @Test
    void perUpdateStepsAfterEachOptimizerUpdate() {
        RatesSeen seen = new RatesSeen();
        History history = model().fit(X, Y, FitOptions.defaults().batchSize(8).epochs(2).verbose(false)
                .callbacks(ScheduledLearningRate.perUpdate(o -> new StepDecay(o, 2, 0.5f)), seen));

        assertEquals(decayed(1, 1, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f, 0.125f), seen.rates);
        assertEquals(0.1 * 0.25, history.get("learning_rate").get(0), 1e-7, "after 4 updates");
        assertEquals(0.1 * 0.0625, history.get("learning_rate").get(1), 1e-7, "after 8 updates");
    }

    @Test
    void perUpdateCountsGroupsUnderGradientAccumulation() {
        RatesSeen seen = new RatesSeen();
        model().fit(X, Y, FitOptions.defaults().batchSize(8).epochs(2).verbose(false).gradientAccumulationSteps(2)
                .callbacks(ScheduledLearningRate.perUpdate(o -> new StepDecay(o, 1, 0.5f)), seen));

        assertEquals(decayed(1, 1, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f, 0.125f), seen.rates);
    }

    @Test
    void perEpochGivesEpochETheRateOfStepE() {
        RatesSeen seen = new RatesSeen();
        ScheduledLearningRate scheduled = ScheduledLearningRate.perEpoch(o -> new StepDecay(o, 1, 0.5f));
        Model model = model();
        model.fit(X, Y, FitOptions.defaults().batchSize(16).epochs(3).verbose(false).callbacks(scheduled, seen));
        model.fit(X, Y, FitOptions.defaults().batchSize(16).epochs(5).initialEpoch(3).verbose(false)
                .callbacks(scheduled, seen));

        assertEquals(decayed(1, 1, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f, 0.125f, 0.0625f, 0.0625f), seen.rates);
        assertSame(model.optimizer(), scheduled.schedule().optimizer());
    }

    @Test
    void theRateReachesCallbacksThroughTheEpochLogs() {
        List<Double> logged = new ArrayList<>();
        model().fit(X, Y, FitOptions.defaults().batchSize(16).epochs(2).verbose(false).callbacks(
                ScheduledLearningRate.perEpoch(o -> new StepDecay(o, 1, 0.1f)), new Callback() {
                    @Override
                    public void onEpochEnd(int epoch, Map<String, Double> logs) {
                        logged.add(logs.get("learning_rate"));
                    }
                }));

        assertEquals(0.1, logged.get(0), 1e-7);
        assertEquals(0.01, logged.get(1), 1e-8);
    }
}
