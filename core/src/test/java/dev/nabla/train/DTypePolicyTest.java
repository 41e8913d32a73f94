package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Digits;
import dev.nabla.data.Split;
import dev.nabla.loss.SparseCategoricalCrossEntropy;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.LossScaling;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Softmax;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Autocast;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Mixed precision in fit, evaluate and predict: float32 weights, half activations, accuracy close to float32. */
class DTypePolicyTest {

    private static final Split DIGITS = Digits.load().split(0.8, new Generator(42));

    private static Model cnn(DTypePolicy policy) {
        Layer.manualSeed(5);
        Sequential network = new Sequential(new Conv2d(8, 3), new Relu(), new MaxPool2d(2), new Flatten(),
                new Dense(10));
        Model model = new Model(network).dtypePolicy(policy);
        model.compile(params -> new Adam(params, 0.01f), new SparseCategoricalCrossEntropy().fromLogits(true));
        return model;
    }

    private static double accuracy(Model model) {
        Tensor x = DIGITS.test().features().reshape(-1, 1, 8, 8);
        Tensor predicted = model.predict(x).argmax(1, false);
        return predicted.eq(DIGITS.test().targets()).to(DType.FLOAT32).mean().item();
    }

    private static Model trained(DTypePolicy policy) {
        Model model = cnn(policy);
        model.fit(DIGITS.train().features().reshape(-1, 1, 8, 8), DIGITS.train().targets(),
                FitOptions.defaults().epochs(4).batchSize(32).verbose(false).shuffle(true, 3));
        return model;
    }

    @Test
    void mixedBfloat16TrainsAsWellAsFloat32WithFloat32WeightsAndOutputs() {
        Model full = trained(DTypePolicy.FLOAT32);
        Model mixed = trained(DTypePolicy.MIXED_BFLOAT16);
        double fullAccuracy = accuracy(full);
        double mixedAccuracy = accuracy(mixed);
        assertTrue(fullAccuracy > 0.9, "float32 learns: " + fullAccuracy);
        assertTrue(Math.abs(fullAccuracy - mixedAccuracy) < 0.03, fullAccuracy + " vs " + mixedAccuracy);
        mixed.network().parameters().forEach(p -> assertEquals(DType.FLOAT32, p.value().dtype(), "master weights"));
        assertEquals(DType.FLOAT32, mixed.predict(DIGITS.test().features().reshape(-1, 1, 8, 8)).dtype());
        Map<String, Double> evaluated = mixed.evaluate(DIGITS.test().features().reshape(-1, 1, 8, 8),
                DIGITS.test().targets());
        assertTrue(evaluated.get("loss") < 1.0, evaluated.toString());
    }

    @Test
    void theActivationsInsideAreHalfAndTakeHalfTheBytes() {
        Model model = cnn(DTypePolicy.MIXED_BFLOAT16);
        Sequential network = (Sequential) model.network();
        AtomicReference<Tensor> hidden = new AtomicReference<>();
        Tensor x = DIGITS.test().features().reshape(-1, 1, 8, 8);
        model.fit(x, DIGITS.test().targets(), FitOptions.defaults().epochs(1).verbose(false));
        try (var ignored = Autocast.enter(model.dtypePolicy().computeDtype())) {
            hidden.set(network.get(0).forward(x));
        }
        Tensor full = network.get(0).forward(x);
        assertEquals(DType.BFLOAT16, hidden.get().dtype());
        assertEquals(full.nbytes() / 2, hidden.get().nbytes());
    }

    @Test
    void mixedFloat16ScalesTheLossDynamicallyUnlessToldOtherwise() {
        GradientOptions none = GradientOptions.NONE;
        assertEquals(LossScaling.dynamic(), DTypePolicy.MIXED_FLOAT16.gradients(none).lossScaling());
        assertEquals(LossScaling.fixed(8f), DTypePolicy.MIXED_FLOAT16.gradients(none.lossScaling(LossScaling.fixed(8f)))
                .lossScaling());
        assertNull(DTypePolicy.MIXED_BFLOAT16.gradients(none).lossScaling());
        Model model = trained(DTypePolicy.MIXED_FLOAT16);
        assertTrue(accuracy(model) > 0.85, "float16 with loss scaling learns: " + accuracy(model));
    }

    @Test
    void policiesHaveKerasNames() {
        assertEquals(DTypePolicy.MIXED_BFLOAT16, DTypePolicy.of("mixed_bfloat16"));
        assertEquals(DType.BFLOAT16, DTypePolicy.of("mixed_bfloat16").computeDtype());
        assertEquals(DType.FLOAT32, DTypePolicy.MIXED_FLOAT16.variableDtype());
        String message = assertThrows(IllegalArgumentException.class, () -> DTypePolicy.of("bf16")).getMessage();
        assertTrue(message.contains("mixed_bfloat16"), message);
    }

    /**
     * The Fashion-MNIST CNN of examples/fashion-mnist-cnn.yaml on a batch of 128: the bytes of every
     * layer's output in a training forward pass, in float32 and under mixed_bfloat16.
     */
    @Test
    void theExampleCnnsActivationsTakeHalfTheBytes() {
        Layer.manualSeed(1);
        ConvolutionOptions same = ConvolutionOptions.defaults().paddingSame();
        Sequential cnn = new Sequential(
                new Conv2d(Conv2d.Config.of(32, 3).options(same).activation(ActivationFunction.RELU)), new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(64, 3).options(same).activation(ActivationFunction.RELU)), new MaxPool2d(2),
                new Conv2d(Conv2d.Config.of(128, 3).options(same).activation(ActivationFunction.RELU)), new MaxPool2d(2),
                new Flatten(), new Dense(128, ActivationFunction.RELU), new Dropout(0.5f), new Dense(10), new Softmax());
        Tensor images = Tensor.rand(new Generator(2), 128, 1, 28, 28);
        long full = activationBytes(cnn, images, DType.FLOAT32);
        long mixed = activationBytes(cnn, images, DType.BFLOAT16);
        System.out.printf("activations of one batch of 128: float32 %d bytes, mixed_bfloat16 %d bytes (%.3f)%n",
                full, mixed, (double) mixed / full);
        assertTrue(mixed <= full * 0.51, mixed + " of " + full + " bytes");
    }

    private static long activationBytes(Sequential network, Tensor input, DType compute) {
        long bytes = 0;
        Tensor x = input;
        try (Autocast ignored = Autocast.enter(compute)) {
            for (int i = 0; i < network.size(); i++) {
                x = network.get(i).forward(x);
                bytes += x.nbytes();
            }
        }
        return bytes;
    }
}
