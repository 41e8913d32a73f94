package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.MeanSquaredError;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.LossScaling;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loss scaling inside {@code fit}: exact with a power of two, skipped steps on overflow, the scale in checkpoints. */
class LossScalingTest {

    private static final Generator DATA = new Generator(7);
    private static final Tensor X = Tensor.randn(DATA, 24, 5);
    private static final Tensor Y = Tensor.randn(DATA, 24, 2);

    private static Model model() {
        Sequential network = new Sequential(Dense.linear(5, 8), Dense.linear(8, 2));
        Generator weights = new Generator(3);
        Map<String, Tensor> initial = new TreeMap<>();
        network.namedParameters().forEach((name, p) -> initial.put(name, Tensor.randn(weights, p.shape().toArray())));
        network.loadStateDict(initial, true);
        Model model = new Model(network);
        model.compile(params -> new Adam(params, 0.01f), new MeanSquaredError());
        return model;
    }

    private static FitOptions options() {
        return FitOptions.defaults().verbose(false).shuffle(false, 0).batchSize(6).epochs(3);
    }

    private static List<float[]> weights(Model model) {
        return model.network().stateDict().values().stream().map(Tensor::toFloatArray).toList();
    }

    private static void assertSameWeights(Model expected, Model actual) {
        List<float[]> a = weights(expected);
        List<float[]> b = weights(actual);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "tensor " + i);
        }
    }

    @Test
    void aPowerOfTwoScaleTrainsExactlyAsWithoutScaling() {
        Model plain = model();
        plain.fit(X, Y, options());
        Model scaled = model();
        scaled.fit(X, Y, options().lossScaling(LossScaling.dynamic().growthInterval(2)));
        assertSameWeights(plain, scaled);
        assertEquals(plain.globalStep(), scaled.globalStep());
        assertNull(scaled.lossScaler(), "no scaler outside fit");
    }

    @Test
    void withAccumulationToo() {
        Model plain = model();
        plain.fit(X, Y, options().gradientAccumulationSteps(3).globalClipNorm(0.5f));
        Model scaled = model();
        scaled.fit(X, Y, options().gradientAccumulationSteps(3).globalClipNorm(0.5f)
                .lossScaling(LossScaling.fixed(4096f)));
        assertSameWeights(plain, scaled);
    }

    @Test
    void anOverflowingScaleSkipsStepsAndBacksOffUntilTheGradientsAreFinite() {
        Model scaled = model();
        float huge = 0x1p127f;   // the loss times this overflows float32
        List<Float> scales = new ArrayList<>();
        scaled.fit(X, Y, options().lossScaling(LossScaling.dynamic().initialScale(huge)).callbacks(new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                scales.add(scaled.lossScaler().currentScale());
            }
        }));
        assertEquals(huge / 2, scales.get(0), "the first step overflows and is skipped");
        long skipped = scales.size() - scaled.globalStep();
        assertTrue(skipped >= 1 && skipped < scales.size(), "skipped " + skipped + " of " + scales.size() + " steps");
        assertEquals(huge / (1L << skipped), scales.get(scales.size() - 1), "halved once per skipped step");
        assertTrue(Float.isFinite(weights(scaled).get(0)[0]), "skipped steps leave the weights finite");
    }

    @Test
    void checkpointsKeepTheScaleAndRestoreContinuesFromIt(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("run.nabla");
        Model first = model();
        first.fit(X, Y, options().epochs(1).lossScaling(LossScaling.dynamic().growthInterval(3))
                .callbacks(new ModelCheckpoint(file).verbose(false)));
        assertEquals("131072.0", dev.nabla.io.ModelFile.load(file).trainingState().get(ModelCheckpoint.LOSS_SCALE));
        assertTrue(Files.exists(file));

        Model resumed = model();
        resumed.restore(file);
        float[] seen = new float[1];
        resumed.fit(X, Y, options().epochs(1).lossScaling(LossScaling.dynamic().growthInterval(3))
                .callbacks(new Callback() {
                    @Override
                    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                        if (batch == 1) {
                            seen[0] = resumed.lossScaler().currentScale();
                        }
                    }
                }));
        assertEquals(262144f, seen[0], "65536 doubled after steps 3 and 6 of the continued count");
    }
}
