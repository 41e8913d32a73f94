package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.NamedTensorDataset;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Gru;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.Parameter;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Sgd;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch's mask reaches the network and the loss in fit and evaluate: padding changes nothing. */
class MaskedBatchTest {

    /** Three token sequences of lengths 5, 2 and 3 (ids 1..9; 0 would be padding either way). */
    private static final float[][] TOKENS = {{3, 1, 4, 1, 5}, {9, 2}, {6, 5, 3}};
    private static final float[][] STEP_LABELS = {{0, 1, 2, 1, 0}, {2, 2}, {1, 0, 1}};
    private static final float[] LABELS = {1, 0, 1};

    /** Every sequence padded to {@code steps} with id 0 and label 0, with the mask of the real steps. */
    private static Batch padded(int steps, float[][] targets) {
        int n = TOKENS.length;
        float[] ids = new float[n * steps];
        float[] mask = new float[n * steps];
        float[] stepTargets = new float[n * steps];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < TOKENS[i].length; t++) {
                ids[i * steps + t] = TOKENS[i][t];
                mask[i * steps + t] = 1;
                stepTargets[i * steps + t] = targets == null ? 0 : targets[i][t];
            }
        }
        Tensor labels = targets == null ? Tensor.of(LABELS) : Tensor.of(stepTargets, n, steps);
        return new Batch(Map.of(Batch.FEATURES, Tensor.of(ids, n, steps)), labels, null, Tensor.of(mask, n, steps));
    }

    /** Sequence {@code i} alone, unpadded, without a mask. */
    private static Batch alone(int i, float[][] targets) {
        Tensor ids = Tensor.of(TOKENS[i], 1, TOKENS[i].length);
        Tensor labels = targets == null ? Tensor.of(LABELS[i]) : Tensor.of(targets[i], 1, targets[i].length);
        return new Batch(ids, labels);
    }

    private static Model model(Layer network) {
        Model model = new Model(network);
        model.compile(parameters -> new Sgd(parameters, 0.1f), new SparseCategoricalCrossEntropy().fromLogits(true));
        return model;
    }

    /** The loss of one batch and the gradients it leaves, by parameter name. */
    private static Map<String, Tensor> lossAndGradients(Model model, Batch batch) {
        model.network().parameters().forEach(Parameter::zeroGrad);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("loss", model.computeGradients(batch).loss());
        for (Map.Entry<String, Parameter> p : model.network().namedParameters().entrySet()) {
            out.put(p.getKey(), p.getValue().grad());
        }
        return out;
    }

    private static void assertSame(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        expected.forEach((name, value) -> assertTrue(value.allClose(actual.get(name), 1e-4f, 1e-6f),
                name + ": " + value + " vs " + actual.get(name)));
    }

    @Test
    void aSequenceClassifierGivesTheSameLossAndGradientsPaddedOrNot() {
        Model model = model(new Sequential(new Embedding(10, 4), new Gru(6), new Dense(2)).seed(1));
        Map<String, Tensor> tight = lossAndGradients(model, padded(5, null));
        assertSame(tight, lossAndGradients(model, padded(9, null)));
        Map<String, Tensor> mean = new LinkedHashMap<>();
        for (int i = 0; i < TOKENS.length; i++) {
            lossAndGradients(model, alone(i, null)).forEach((name, value) -> mean.merge(name, value.div(3f), Tensor::add));
        }
        assertSame(mean, tight);
        assertEquals(tight.get("loss").item(), model.evaluate(new NamedTensorDataset(padded(9, null).inputs(),
                Tensor.of(LABELS), padded(9, null).mask()), 3).get("loss"), 1e-5);
    }

    @Test
    void perStepTargetsAverageOverTheRealStepsPaddedOrNot() {
        Model model = model(new Sequential(new Embedding(10, 4), new Lstm(6).returnSequences(true), new Dense(3))
                .seed(2));
        Map<String, Tensor> tight = lossAndGradients(model, padded(5, STEP_LABELS));
        assertSame(tight, lossAndGradients(model, padded(8, STEP_LABELS)));
        Map<String, Tensor> byStep = new LinkedHashMap<>();
        for (int i = 0; i < TOKENS.length; i++) {
            float share = TOKENS[i].length / 10f;   // 10 real steps in all
            lossAndGradients(model, alone(i, STEP_LABELS)).forEach((name, value) -> byStep.merge(name,
                    value.mul(share), Tensor::add));
        }
        assertSame(byStep, tight);
        Batch padded = padded(8, STEP_LABELS);
        NamedTensorDataset data = new NamedTensorDataset(padded.inputs(), padded.targets(), padded.mask());
        assertEquals(tight.get("loss").item(), model.evaluate(data, 3).get("loss"), 1e-5);
        Batch unmasked = padded.withMask(null);
        assertNotEquals(tight.get("loss").item(), lossAndGradients(model, unmasked).get("loss").item(), 1e-3f,
                "without the mask the padded steps count");
    }

    @Test
    void theMaskSurvivesMixedPrecisionAndOneVectorPerExampleIgnoresABatchMaskOfItsSize() {
        Model model = model(new Sequential(new Embedding(10, 4), new Lstm(6).returnSequences(true), new Dense(3))
                .seed(4));
        float exact = lossAndGradients(model, padded(5, STEP_LABELS)).get("loss").item();
        model.dtypePolicy(DTypePolicy.MIXED_BFLOAT16);
        assertEquals(exact, lossAndGradients(model, padded(8, STEP_LABELS)).get("loss").item(), 2e-2f);
        assertNotEquals(exact, lossAndGradients(model, padded(8, STEP_LABELS).withMask(null)).get("loss").item(),
                5e-2f, "the padded steps would count had the bfloat16 output lost its mask");
        Model pairs = model(new Sequential(new Embedding(10, 4), new Gru(3), new Dense(2)).seed(5));
        Batch twoSteps = new Batch(Map.of(Batch.FEATURES, Tensor.of(new float[] {1, 2, 3, 0}, 2, 2)),
                Tensor.of(new float[] {1, 0, 0, 1}, 2, 2), null, Tensor.of(new float[] {1, 1, 1, 0}, 2, 2));
        pairs.compile(parameters -> new Sgd(parameters, 0.1f), new dev.nabla.loss.CategoricalCrossEntropy()
                .fromLogits(true));
        assertTrue(Float.isFinite(pairs.computeGradients(twoSteps).loss().item()),
                "one-hot targets [2, 2] are one per example, not per step, though the mask is [2, 2] too");
    }

    @Test
    void fitTrainsOnMaskedBatches() {
        Model model = model(new Sequential(new Embedding(10, 4), new Lstm(6).returnSequences(true), new Dense(3))
                .seed(3));
        Batch padded = padded(8, STEP_LABELS);
        NamedTensorDataset data = new NamedTensorDataset(padded.inputs(), padded.targets(), padded.mask());
        double before = model.evaluate(data, 3).get("loss");
        History history = model.fit(data, FitOptions.defaults().epochs(20).batchSize(3).verbose(false));
        List<Double> losses = history.get("loss");
        assertTrue(losses.get(losses.size() - 1) < before, before + " -> " + losses);
    }
}
