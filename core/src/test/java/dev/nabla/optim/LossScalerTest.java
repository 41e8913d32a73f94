package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loss scaler's rules, as PyTorch's {@code GradScaler} applies them. */
class LossScalerTest {

    private static Parameter withGradient(float... gradient) {
        Parameter p = new Parameter(Tensor.zeros(gradient.length));
        p.value().mul(Tensor.of(gradient)).sum().backward();
        return p;
    }

    @Test
    void scalesTheLossAndDividesTheGradientsByTheSameScale() {
        LossScaler scaler = LossScaling.fixed(8f).newScaler();
        assertEquals(24f, scaler.scale(Tensor.scalar(3f)).item());
        Parameter p = withGradient(16f, -4f);
        assertTrue(scaler.unscale(List.of(p)));
        assertArrayEquals(new float[] {2f, -0.5f}, p.grad().toFloatArray());
    }

    @Test
    void anInfiniteOrNaNGradientLeavesEveryGradientAsItIs() {
        LossScaler scaler = LossScaling.dynamic().newScaler();
        scaler.scale(Tensor.scalar(1f));
        Parameter finite = withGradient(2f);
        Parameter infinite = withGradient(Float.POSITIVE_INFINITY, 1f);
        assertFalse(scaler.unscale(List.of(finite, infinite)));
        assertArrayEquals(new float[] {2f}, finite.grad().toFloatArray());
        assertFalse(scaler.unscale(List.of(withGradient(Float.NaN))));
    }

    @Test
    void backsOffOnOverflowAndGrowsAfterTheIntervalOfFiniteSteps() {
        LossScaler scaler = LossScaling.dynamic().growthInterval(3).newScaler();
        assertEquals(65536f, scaler.currentScale());
        scaler.update(false);
        assertEquals(32768f, scaler.currentScale());
        scaler.update(true);
        scaler.update(true);
        assertEquals(32768f, scaler.currentScale());
        assertEquals(2, scaler.finiteSteps());
        scaler.update(false);
        assertEquals(0, scaler.finiteSteps(), "an overflow restarts the count");
        scaler.update(true);
        scaler.update(true);
        scaler.update(true);
        assertEquals(32768f, scaler.currentScale(), "16384 after the back-off, doubled after three finite steps");
    }

    @Test
    void aFixedScaleNeverChanges() {
        LossScaler scaler = LossScaling.fixed(1024f).newScaler();
        for (int i = 0; i < 5; i++) {
            scaler.update(i % 2 == 0);
        }
        assertEquals(1024f, scaler.currentScale());
        assertFalse(LossScaling.fixed(1024f).isDynamic());
        assertTrue(LossScaling.dynamic().isDynamic());
    }

    @Test
    void gradientsAreUnscaledByTheScaleTheirLossWasMultipliedBy() {
        LossScaler scaler = LossScaling.dynamic().newScaler();
        scaler.scale(Tensor.scalar(1f));
        scaler.update(false);   // the scale changes between a backward pass and its unscaling
        Parameter p = withGradient(65536f);
        assertTrue(scaler.unscale(List.of(p)));
        assertArrayEquals(new float[] {1f}, p.grad().toFloatArray());
    }

    @Test
    void refusesScalesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> LossScaling.fixed(0f));
        assertThrows(IllegalArgumentException.class, () -> LossScaling.fixed(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new LossScaling(1f, 0.5f, 0.5f, 10));
        assertThrows(IllegalArgumentException.class, () -> new LossScaling(1f, 2f, 1.5f, 10));
        assertThrows(IllegalArgumentException.class, () -> LossScaling.dynamic().growthInterval(0));
        assertThrows(IllegalArgumentException.class, () -> LossScaling.dynamic().newScaler().restore(-1f, 0));
    }
}
