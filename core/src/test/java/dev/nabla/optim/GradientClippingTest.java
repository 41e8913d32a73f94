package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    /** Parameters whose gradients are exactly the given values (the loss is Σ g·θ). */
    private static List<Parameter> withGradients(float[]... gradients) {
        List<Parameter> parameters = new java.util.ArrayList<>();
        for (float[] g : gradients) {
            Parameter p = new Parameter(Tensor.zeros(g.length));
            p.value().mul(Tensor.of(g)).sum().backward();
            parameters.add(p);
        }
        return parameters;
    }

    @Test
    void globalNormScalesAllGradientsTogetherAndReturnsTheNormBefore() {
        List<Parameter> p = withGradients(new float[] {3, 4}, new float[] {12});   // norm 13
        float norm = GradientClipping.clipByGlobalNorm(p, 6.5f);
        assertEquals(13f, norm);
        float scale = (float) (6.5 / (13 + 1e-6));
        assertArrayEquals(new float[] {3 * scale, 4 * scale}, p.get(0).grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {12 * scale}, p.get(1).grad().toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsUnderTheLimitAreUnchanged() {
        List<Parameter> p = withGradients(new float[] {3, 4});
        assertEquals(5f, GradientClipping.clipByGlobalNorm(p, 5.5f));
        assertArrayEquals(new float[] {3, 4}, p.get(0).grad().toFloatArray());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        List<Parameter> p = List.of(withGradients(new float[] {6, 8}).get(0), new Parameter(Tensor.ones(2)));
        assertEquals(10f, GradientClipping.clipByGlobalNorm(p, 1f));
        assertArrayEquals(new float[] {0.6f, 0.8f}, p.get(0).grad().toFloatArray(), 1e-6f);
        assertNull(p.get(1).grad());
    }

    @Test
    void nonFiniteGradientsAreReportedAndLeftAlone() {
        List<Parameter> p = withGradients(new float[] {Float.POSITIVE_INFINITY, 1});
        assertEquals(Float.POSITIVE_INFINITY, GradientClipping.clipByGlobalNorm(p, 1f));
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1}, p.get(0).grad().toFloatArray());
    }

    @Test
    void byValueLimitsEachElement() {
        List<Parameter> p = withGradients(new float[] {-3, 0.5f, 2}, new float[] {1.5f});
        GradientClipping.clipByValue(p, 1f);
        assertArrayEquals(new float[] {-1, 0.5f, 1}, p.get(0).grad().toFloatArray());
        assertArrayEquals(new float[] {1}, p.get(1).grad().toFloatArray());
    }

    @Test
    void eachByNormScalesEachGradientByItsOwnNormAsKeras() {
        List<Parameter> p = withGradients(new float[] {3, 4}, new float[] {0.3f, 0.4f}, new float[] {0, 0});
        GradientClipping.clipEachByNorm(p, 1f);
        // Keras's clip_by_norm: g·clipnorm / max(‖g‖, clipnorm); norms 5, 0.5 and 0.
        assertArrayEquals(new float[] {3 / 5f, 4 / 5f}, p.get(0).grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.3f, 0.4f}, p.get(1).grad().toFloatArray());
        assertArrayEquals(new float[] {0, 0}, p.get(2).grad().toFloatArray());
    }
}
