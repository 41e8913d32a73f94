package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Model#predict} from many threads at once, on a model left in training mode. */
class ModelConcurrentPredictionTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 20;

    @Test
    void sixteenThreadsPredictingAtOnceGetExactlyTheSingleThreadedOutputs() throws Exception {
        Sequential network = new Sequential(new Conv2d(8, 3), new BatchNorm2d(8), new Relu(), new MaxPool2d(2),
                new Flatten(), new Dropout(0.5f), Dense.linear(8 * 3 * 3, 10), new Softmax()).seed(5);
        Model model = new Model(network);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            inputs.add(Tensor.randn(new Generator(100 + t), 1 + t % 5, 1, 8, 8));
            expected.add(model.predict(inputs.get(t)).toFloatArray());
        }
        assertTrue(network.isTraining(), "predict left the model in training mode");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Tensor input = inputs.get(t);
                results.add(pool.submit(() -> {
                    start.await();
                    List<float[]> outputs = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        outputs.add(model.predict(input).toFloatArray());
                    }
                    return outputs;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                for (float[] output : results.get(t).get()) {
                    assertArrayEquals(expected.get(t), output, "thread " + t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(network.isTraining());
    }

    @Test
    void threadsThatCallANewModelAtOnceBuildItOnce() throws Exception {
        Sequential network = new Sequential(new Flatten(), new Dense(16), new Relu(), new Dense(4)).seed(9);
        Model model = new Model(network);
        Tensor input = Tensor.randn(new Generator(1), 3, 2, 5);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return model.predict(input).toFloatArray();
                }));
            }
            start.countDown();
            float[] expected = model.predict(input).toFloatArray();
            for (Future<float[]> result : results) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        float[] rebuilt = new Model(new Sequential(new Flatten(), new Dense(16), new Relu(), new Dense(4)).seed(9))
                .predict(input).toFloatArray();
        assertArrayEquals(rebuilt, model.predict(input).toFloatArray(), "the weights are those of one build");
    }
}
