package dev.nabla.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InitializersTest {

    private static final Shape WEIGHT = Shape.of(200, 300);
    private static final Shape CONV = Shape.of(64, 32, 3, 3);

    private static Tensor draw(Initializer init, Shape shape) {
        return init.initialize(shape, new Generator(42));
    }

    private static float std(Tensor t) {
        return t.std().item();
    }

    @Test
    void fansFollowPyTorchsLayout() {
        assertEquals(new Initializer.Fans(300, 200), Initializer.Fans.of(WEIGHT));
        assertEquals(new Initializer.Fans(32 * 9, 64 * 9), Initializer.Fans.of(CONV));
        assertThrows(IllegalArgumentException.class, () -> Initializer.Fans.of(Shape.of()));
    }

    @Test
    void glorotUniformStaysWithinItsBoundAndFillsIt() {
        float bound = (float) Math.sqrt(6.0 / 500);
        Tensor w = draw(Initializers.glorotUniform(1f), WEIGHT);
        assertTrue(w.abs().max().item() <= bound);
        assertEquals(bound / Math.sqrt(3), std(w), 0.02 * bound);
    }

    @Test
    void glorotNormalHasItsStandardDeviation() {
        assertEquals(Math.sqrt(2.0 / 500), std(draw(Initializers.glorotNormal(1f), WEIGHT)), 0.02 * Math.sqrt(2.0 / 500));
    }

    @Test
    void heInitialisationUsesTheChosenFanAndGain() {
        float gain = Initializers.gain("relu", 0f);
        double fanInStd = gain / Math.sqrt(32 * 9);
        double fanOutStd = gain / Math.sqrt(64 * 9);
        assertEquals(fanInStd, std(draw(Initializers.heNormal(FanMode.FAN_IN, gain), CONV)), 0.02 * fanInStd);
        assertEquals(fanOutStd, std(draw(Initializers.heNormal(FanMode.FAN_OUT, gain), CONV)), 0.02 * fanOutStd);
        Tensor uniform = draw(Initializers.heUniform(FanMode.FAN_IN, gain), CONV);
        assertTrue(uniform.abs().max().item() <= gain * Math.sqrt(3.0 / (32 * 9)));
        assertEquals(fanInStd, std(uniform), 0.02 * fanInStd);
    }

    @Test
    void lecunNormalIsUnitGainOverFanIn() {
        assertEquals(1 / Math.sqrt(300), std(draw(Initializers.lecunNormal(), WEIGHT)), 0.02 / Math.sqrt(300));
    }

    @Test
    void gainsMatchPyTorchsCalculateGain() {
        assertEquals(1f, Initializers.gain("linear", 0f));
        assertEquals(1f, Initializers.gain("sigmoid", 0f));
        assertEquals(5f / 3f, Initializers.gain("tanh", 0f), 1e-7);
        assertEquals(1.4142135f, Initializers.gain("relu", 0f), 1e-6);
        assertEquals((float) Math.sqrt(2.0 / (1 + 0.01 * 0.01)), Initializers.gain("leaky_relu", 0.01f), 1e-6);
        assertEquals(0.75f, Initializers.gain("selu", 0f));
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.gain("swish", 0f));
        assertTrue(e.getMessage().contains("known: linear"), e.getMessage());
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormal() {
        Tensor tall = draw(Initializers.orthogonal(1f), Shape.of(30, 10));
        assertTrue(tall.transpose(0, 1).matmul(tall).allClose(Tensor.eye(10), 1e-4f, 1e-5f), "columns orthonormal");
        Tensor wide = draw(Initializers.orthogonal(2f), Shape.of(10, 30));
        assertTrue(wide.matmul(wide.transpose(0, 1)).allClose(Tensor.eye(10).mul(4f), 1e-4f, 1e-4f), "rows, gain 2");
        Tensor conv = draw(Initializers.orthogonal(1f), Shape.of(8, 2, 3, 3)).reshape(8, 18);
        assertTrue(conv.matmul(conv.transpose(0, 1)).allClose(Tensor.eye(8), 1e-4f, 1e-5f));
    }

    @Test
    void truncatedNormalRespectsItsBounds() {
        Tensor t = draw(Initializers.truncatedNormal(0f, 1f, -2f, 2f), WEIGHT);
        assertTrue(t.abs().max().item() <= 2f);
        // The standard normal truncated to ±2 has standard deviation 0.8796.
        assertEquals(0.8796, std(t), 0.01);
        assertThrows(IllegalArgumentException.class, () -> Initializers.truncatedNormal(5f, 1f, -2f, 2f));
    }

    @Test
    void constantsAndSeedsAreExact() {
        assertTrue(draw(Initializers.zeros(), WEIGHT).allClose(Tensor.zeros(200, 300), 0f, 0f));
        assertTrue(draw(Initializers.ones(), CONV).allClose(Tensor.ones(64, 32, 3, 3), 0f, 0f));
        assertTrue(draw(Initializers.constant(0.5f), Shape.of(3)).allClose(Tensor.full(0.5f, 3), 0f, 0f));
        assertTrue(draw(Initializers.glorotUniform(1f), WEIGHT).allClose(draw(Initializers.glorotUniform(1f), WEIGHT), 0f, 0f));
    }
}
