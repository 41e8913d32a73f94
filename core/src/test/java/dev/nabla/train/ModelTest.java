package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.Digits;
import dev.nabla.data.Split;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.metrics.SparseCategoricalAccuracy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizers;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTest {

    /** Ends in softmax: Keras-style loss names expect probabilities (from_logits=False), as Keras. */
    private static Model digitsModel() {
        Layer.manualSeed(3);
        return new Model(new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10), new Softmax()));
    }

    @Test
    void learnsTheEmbeddedDigitsWithKerasNames() {
        Split split = Digits.load().split(0.8, new Generator(1));
        Model model = digitsModel().compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(split.train(), FitOptions.defaults().epochs(8).batchSize(32).verbose(false));
        Map<String, Double> test = model.evaluate(split.test(), 64);
        assertTrue(test.get("accuracy") > 0.93, "test accuracy " + test);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), history.epochs());
        assertTrue(history.last("loss") < history.get("loss").get(0), "loss falls: " + history.get("loss"));
    }

    @Test
    void validationSplitHoldsOutTheLastSamplesAndLogsValueMetrics() {
        Model model = digitsModel().compile(params -> new Adam(params, 1e-3f), new SparseCategoricalCrossEntropy(),
                new SparseCategoricalAccuracy());
        History history = model.fit(Digits.load(), FitOptions.defaults().epochs(2).validationSplit(0.2f)
                .verbose(false));
        assertEquals(List.of("loss", "sparse_categorical_accuracy", "val_loss", "val_sparse_categorical_accuracy",
                "learning_rate"), List.copyOf(history.values().keySet()));
    }

    @Test
    void predictRunsInBatchesWithoutGradients() {
        Model model = digitsModel();
        Tensor x = Tensor.randn(new Generator(2), 70, 1, 8, 8);
        Tensor y = model.predict(x, 32);
        assertEquals("[70, 10]", y.shape().toString());
        assertTrue(!y.requiresGrad());
    }

    @Test
    void seededRunsAreReproducible() {
        Split split = Digits.load().split(0.8, new Generator(1));
        double first = digitsModel().compile("sgd", "sparse_categorical_crossentropy").fit(split.train(),
                FitOptions.defaults().epochs(1).verbose(false)).last("loss");
        double second = digitsModel().compile("sgd", "sparse_categorical_crossentropy").fit(split.train(),
                FitOptions.defaults().epochs(1).verbose(false)).last("loss");
        assertEquals(first, second, 0.0);
    }

    @Test
    void trainStepCanBeOverridden() {
        int[] steps = {0};
        Model model = new Model(new Sequential(new Flatten(), new Dense(10))) {
            @Override
            protected Map<String, Double> trainStep(Batch batch) {
                steps[0]++;
                return Map.of("loss", 1.0, "custom", 2.0);
            }
        };
        model.compile("adam", "mse");
        History history = model.fit(Tensor.zeros(10, 4), Tensor.zeros(10, 10),
                FitOptions.defaults().batchSize(4).epochs(2).verbose(false));
        assertEquals(6, steps[0]);
        assertEquals(List.of(2.0, 2.0), history.get("custom"));
    }

    @Test
    void classWeightsScaleEachSamplesLoss() {
        Model model = new Model(new Sequential(Dense.linear(2, 3)));
        model.compile(Optimizers.byName("sgd"), new SparseCategoricalCrossEntropy().fromLogits(true));
        Tensor x = Tensor.randn(new Generator(5), 6, 2);
        Tensor labels = Tensor.of(0f, 1f, 2f, 0f, 1f, 2f).to(dev.nabla.tensor.DType.INT32);
        double plain = model.evaluate(x, labels).get("loss");
        float[] weights = {2f, 2f, 2f};
        model.fit(x, labels, FitOptions.defaults().classWeights(weights).epochs(1).verbose(false).shuffle(false, 0));
        Tensor perSample = new SparseCategoricalCrossEntropy().fromLogits(true)
                .withReduction(dev.nabla.loss.Reduction.NONE).apply(model.network().forward(x), labels);
        Tensor weighted = Weighting.weightedLoss(new SparseCategoricalCrossEntropy().fromLogits(true),
                model.network().forward(x), labels, Tensor.of(weights), null);
        assertEquals(2 * perSample.mean().item(), weighted.item(), 1e-5);
        assertTrue(plain > 0);
    }

    @Test
    void logitsUnderAProbabilityLossFailAtTheFirstBatchNamingFromLogits() {
        Model model = new Model(new Sequential(Dense.linear(2, 3)));
        model.compile("adam", "sparse_categorical_crossentropy");
        Tensor x = Tensor.randn(new Generator(5), 6, 2).mul(3f);
        Tensor labels = Tensor.of(0f, 1f, 2f, 0f, 1f, 2f);
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, labels, FitOptions.defaults().batchSize(6).verbose(false)));
        assertTrue(e.getMessage().contains("set from_logits: new SparseCategoricalCrossEntropy().fromLogits(true)"),
                e.getMessage());
    }

    @Test
    void aSoftmaxBeforeALogitsLossIsAWarningOnStandardError() {
        Model model = new Model(new Sequential(Dense.linear(2, 3), new Softmax()));
        model.compile(Optimizers.byName("adam"), new SparseCategoricalCrossEntropy().fromLogits(true));
        Tensor x = Tensor.randn(new Generator(5), 6, 2);
        Tensor labels = Tensor.of(0f, 1f, 2f, 0f, 1f, 2f);
        java.io.PrintStream standardError = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            model.fit(x, labels, FitOptions.defaults().batchSize(3).epochs(2).verbose(false));
        } finally {
            System.setErr(standardError);
        }
        String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("WARNING: SparseCategoricalCrossEntropy takes logits (from_logits is true), but"
                + " the model's outputs look like probabilities"), printed);
        assertEquals(1, printed.split("WARNING", -1).length - 1, "once per compile: " + printed);
    }

    @Test
    void usingAnUncompiledModelSaysWhatToDo() {
        var e = assertThrows(IllegalStateException.class,
                () -> digitsModel().fit(Tensor.zeros(2, 1, 8, 8), Tensor.zeros(2), FitOptions.defaults()));
        assertTrue(e.getMessage().contains("compile("), e.getMessage());
    }

    @Test
    void summaryIsKerasStyle() {
        String summary = digitsModel().summary(1, 8, 8);
        assertTrue(summary.contains("│ dense (Dense)     │ (None, 64)   │   4,160 │"), summary);
        assertTrue(summary.contains(" Total params: 4,810 (18.79 KB)"), summary);
    }

    @Test
    void sampleWeightsOfZeroLeaveTheWeightsAlone() {
        Model model = new Model(new Sequential(Dense.linear(2, 3)));
        model.compile("adam", "mse");
        Tensor before = model.network().stateDict().get("0.weight").contiguous().mul(1f);
        Tensor x = Tensor.randn(new Generator(5), 8, 2);
        model.fit(x, Tensor.ones(8, 3), Tensor.zeros(8), FitOptions.defaults().batchSize(4).epochs(2).verbose(false));
        assertTrue(model.network().stateDict().get("0.weight").allClose(before, 0f, 0f));
    }

    @Test
    void sampleWeightsMultiplyEachSamplesLossOverTheBatchSize() {
        Tensor predictions = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 4, 1);
        Tensor targets = Tensor.zeros(4, 1);
        Tensor weights = Tensor.of(1f, 0f, 2f, 0.5f);
        double expected = (1 * 1 + 0 * 4 + 2 * 9 + 0.5 * 16) / 4.0;
        assertEquals(expected, Weighting.weightedLoss(new dev.nabla.loss.MeanSquaredError(), predictions, targets,
                null, weights).item(), 1e-6);
    }

    @Test
    void validationSplitKeepsEachSampleWithItsWeight() {
        var data = new dev.nabla.data.WeightedDataset(new dev.nabla.data.TensorDataset(Tensor.arange(10).reshape(10, 1)
                .to(dev.nabla.tensor.DType.FLOAT32), Tensor.zeros(10, 1)), Tensor.arange(10)
                        .to(dev.nabla.tensor.DType.FLOAT32));
        var parts = Validation.split(data, 0.2f);
        var held = parts[1].batch(0, 1);
        assertTrue(held.features().reshape(2).allClose(held.weights()), "features equal their weights: " + held);
        assertEquals(8, parts[0].size());
    }

    private static Model regression() {
        Layer.manualSeed(6);
        Model model = new Model(new Sequential(Dense.linear(3, 4), new Relu(), Dense.linear(4, 1)));
        model.compile(params -> new dev.nabla.optim.Sgd(params, 0.05f).momentum(0.9f),
                new dev.nabla.loss.MeanSquaredError());
        return model;
    }

    private static final Tensor X = Tensor.randn(new Generator(11), 40, 3);
    private static final Tensor Y = Tensor.randn(new Generator(12), 40, 1);

    @Test
    void fitDoesWhatTheManualLoopDoes() {
        Model fitted = regression();
        fitted.fit(X, Y, FitOptions.defaults().batchSize(8).epochs(2).shuffle(true, 5).verbose(false));

        Model manual = regression();
        var optimizer = new dev.nabla.optim.Sgd(manual.network().trainableParameters(), 0.05f).momentum(0.9f);
        var loader = new dev.nabla.data.DataLoader(new dev.nabla.data.TensorDataset(X, Y), 8, new Generator(5), false);
        for (int epoch = 0; epoch < 2; epoch++) {
            try (var batches = loader.iterator()) {
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    new dev.nabla.loss.MeanSquaredError().apply(manual.network().forward(batch.features()),
                            batch.targets()).backward();
                    optimizer.step();
                    optimizer.zeroGrad();
                }
            }
        }

        fitted.network().stateDict().forEach((name, value) -> assertTrue(
                value.allClose(manual.network().stateDict().get(name), 0f, 0f), name));
        assertEquals(10, fitted.globalStep());
    }

    @Test
    void aSubclassWorksOnTheGradientsBetweenComputingAndApplyingThem() {
        Model halving = new Model(regression().network()) {
            @Override
            protected Map<String, Double> trainStep(Batch batch) {
                BatchOutputs outputs = computeGradients(batch);
                // As an all-reduce with a worker whose gradients are zero would leave them.
                network().trainableParameters().forEach(p -> p.grad().assign(p.grad().mul(0.5f)));
                applyGradients();
                return Map.of("loss", (double) outputs.loss().item());
            }
        };
        halving.compile(params -> new dev.nabla.optim.Sgd(params, 0.1f), new dev.nabla.loss.MeanSquaredError());
        Model halfRate = regression();
        halfRate.compile(params -> new dev.nabla.optim.Sgd(params, 0.05f), new dev.nabla.loss.MeanSquaredError());
        FitOptions options = FitOptions.defaults().batchSize(8).epochs(2).verbose(false);

        History history = halving.fit(X, Y, options);
        halfRate.fit(X, Y, options);

        halving.network().stateDict().forEach((name, value) -> assertTrue(
                value.allClose(halfRate.network().stateDict().get(name), 1e-5f, 1e-7f), name));
        assertEquals(List.of(0.1f, 0.1f), history.get("learning_rate").stream().map(Double::floatValue).toList());
    }

    @Test
    void theHistoryHasTheLearningRateOfEachEpoch() {
        Model model = regression();
        History history = model.fit(X, Y, FitOptions.defaults().epochs(3).verbose(false).callbacks(
                new LearningRateScheduler((epoch, rate) -> 0.1f / (epoch + 1))));

        List<Double> rates = history.get("learning_rate");
        assertEquals(3, rates.size());
        assertEquals(0.1, rates.get(0), 1e-7);
        assertEquals(0.05, rates.get(1), 1e-7);
        assertEquals(0.1 / 3, rates.get(2), 1e-7);
    }
}
