package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The checks the loss tests share: PyTorch's reference values (within TorchFixture's forward
 * and gradient tolerances), and finite values at the extremes.
 */
final class LossAssertions {

    private LossAssertions() {
    }

    /** The cases of one loss in {@code fixtures/losses.safetensors}: {@code "huber"} gives huber/delta_1.0, ... */
    static List<TorchFixture> cases(String loss) {
        return TorchFixture.cases("losses", loss + "/");
    }

    /** Checks the loss (built for each reduction) against the case's values and MEAN gradient. */
    static void assertMatchesPyTorch(TorchFixture c, Function<Reduction, Loss> lossWith) {
        Tensor predictions = c.tensor("predictions");
        Tensor targets = c.tensor("targets");
        for (Reduction r : Reduction.values()) {
            c.assertForward("loss_" + r.name().toLowerCase(Locale.ROOT), lossWith.apply(r).apply(predictions, targets));
        }
        Tensor x = c.leaf("predictions");
        lossWith.apply(Reduction.MEAN).apply(x, targets).backward();
        c.assertGradient("grad_predictions", x.grad());
    }

    /** The loss and its gradient with respect to the predictions are finite everywhere. */
    static void assertFiniteWithGradient(Loss loss, Tensor predictions, Tensor targets) {
        Tensor x = Tensor.of(predictions.toFloatArray(), predictions.shape().toArray()).requiresGrad(true);
        Tensor value = loss.apply(x, targets);
        assertAllFinite("loss", value);
        value.backward();
        assertAllFinite("gradient", x.grad());
    }

    private static void assertAllFinite(String what, Tensor t) {
        for (float v : t.toFloatArray()) {
            assertTrue(Float.isFinite(v), what + " is not finite: " + t);
        }
    }
}
