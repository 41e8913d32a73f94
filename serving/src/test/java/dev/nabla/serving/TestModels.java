package dev.nabla.serving;

import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Model;
import java.util.List;
import java.util.Random;

/** Small networks and inputs for the serving tests. */
final class TestModels {

    /** Samples of {@link #cnn()}: one grey 12x12 image. */
    static final int[] IMAGE = {1, 12, 12};

    private TestModels() {
    }

    /** Conv(4, 3x3) → MaxPool(2) → Flatten → Dense(5): {@code [N, 1, 12, 12] → [N, 5]} scores. */
    static Sequential cnn(long seed) {
        Layer.manualSeed(seed);
        Sequential network = new Sequential(new Conv2d(4, 3), new MaxPool2d(2), new Flatten(), new Dense(5));
        network.forward(Tensor.zeros(1, 1, 12, 12));   // builds the layers now, from this seed
        return network;
    }

    /**
     * Conv(8, 3x3) → MaxPool(2) → Flatten → Dense(64) → Dense(10): dense layers wide enough that a
     * batch of 16 or more rows would take the blocked matrix product, not a one-sample's.
     */
    static Sequential wideCnn(long seed) {
        Layer.manualSeed(seed);
        Sequential network = new Sequential(new Conv2d(8, 3), new MaxPool2d(2), new Flatten(), new Dense(64),
                new Dense(10));
        network.forward(Tensor.zeros(1, 1, 12, 12));
        return network;
    }

    static ServedModel served(String name, long seed) {
        return ServedModel.of(name, cnn(seed), IMAGE).withClassNames(List.of("a", "b", "c", "d", "e"));
    }

    /** A random image in [0, 1), flattened. */
    static float[] image(long seed) {
        Random random = new Random(seed);
        float[] values = new float[144];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    /** What {@link Model#predict} gives for one image. */
    static float[] predict(Layer network, float[] image) {
        return new Model(network).predict(Tensor.of(image, 1, 1, 12, 12)).toFloatArray();
    }
}
