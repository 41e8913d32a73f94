package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradCheckTest {

    @Test
    void passesForACorrectGradient() {
        Tensor x = Tensor.randn(new Generator(3), 4, 3).requiresGrad(true);
        GradCheck.Result r = GradCheck.defaults().check(in -> in[0].tanh().sum(1), x);
        assertTrue(r.passed(), r.toString());
        assertNull(x.grad(), "the check leaves no gradient behind");
    }

    @Test
    void findsAWrongGradientAndNamesTheWorstElement() {
        Tensor x = Tensor.of(new float[] {0.5f, 1f, 1.5f, 4f}, 2, 2).requiresGrad(true);
        // x.detach() hides the second factor from autograd: the analytic gradient is x, the true one 2x.
        GradCheck.Result r = GradCheck.defaults().check(in -> in[0].mul(in[0].detach()), x);
        assertFalse(r.passed());
        assertEquals(0, r.input());
        assertEquals(2, r.index().length);
        assertEquals(2.0, r.numeric() / r.analytic(), 1e-2, "the true gradient is twice the recorded one");
        var e = assertThrows(AssertionError.class, () -> GradCheck.assertGradients(in -> in[0].mul(in[0].detach()), x));
        assertTrue(e.getMessage().contains("worst element: input 0 at ["), e.getMessage());
    }

    @Test
    void checksEveryInput() {
        Tensor a = Tensor.randn(new Generator(1), 3).requiresGrad(true);
        Tensor b = Tensor.randn(new Generator(2), 3).requiresGrad(true);
        GradCheck.Result r = GradCheck.defaults().check(in -> in[0].mul(in[1].detach()).add(in[1]), a, b);
        assertFalse(r.passed());
        assertEquals(1, r.input());
    }

    @Test
    void rejectsInputsThatDoNotRequireGrad() {
        Tensor x = Tensor.ones(2);
        var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.assertGradients(in -> in[0], x));
        assertTrue(e.getMessage().contains("requiresGrad(true)"), e.getMessage());
    }

    @Test
    void worksOnNonContiguousLeaves() {
        Tensor x = Tensor.randn(new Generator(4), 3, 4).requiresGrad(true);
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).exp(), x);
    }

    @Test
    void checksGradientsOfGradients() {
        Tensor x = Tensor.randn(new Generator(5), 2, 3).requiresGrad(true);
        Tensor w = Tensor.randn(new Generator(6), 3, 2).requiresGrad(true);
        assertTrue(GradCheck.defaults().checkGradientsOfGradients(in -> in[0].matmul(in[1]).tanh(), x, w).passed());
        assertNull(x.grad(), "the check leaves no gradient behind");
    }

    @Test
    void findsASecondDerivativeThatIsWrongWhileTheFirstIsRight() {
        // x² whose recorded backward treats x as a constant: 2x·g is right, its derivative in x is lost.
        java.util.function.Function<Tensor[], Tensor> square = in -> Autograd.record("square",
                Tensor.wrap(Layout.toArray(in[0].detach().mul(in[0].detach())), in[0].shape()),
                g -> new Tensor[] {g.mul(in[0].detach()).mul(2f)},
                (g, needed) -> new Tensor[] {g.mul(in[0].detach()).mul(2f)}, in[0]);
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        assertTrue(GradCheck.defaults().check(square, x).passed());
        GradCheck.Result r = GradCheck.defaults().checkGradientsOfGradients(square, x);
        assertFalse(r.passed());
        var e = assertThrows(AssertionError.class, () -> GradCheck.assertGradientsOfGradients(square, x));
        assertTrue(e.getMessage().startsWith("GradCheck of gradients: gradients differ"), e.getMessage());
    }
}
