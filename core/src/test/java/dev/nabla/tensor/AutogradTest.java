package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AutogradTest {

    @Test
    void chainOfOneHundredThousandOpsDoesNotOverflowTheStack() {
        Tensor x = Tensor.scalar(2f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1f);
        }
        y.backward();
        assertEquals(1f, x.grad().item());
        assertEquals(100_002f, y.item());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6f, 6f}, x.grad());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {2f, 4f}, x.grad());
    }

    @Test
    void explicitOutputGradientWeighsTheOutputs() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad(true);
        x.mul(x).backward(Tensor.of(1f, 0f, -1f));
        assertArrayEquals(new float[] {2f, 0f, -6f}, x.grad());
    }

    @Test
    void backwardOnANonScalarWithoutGradientSaysWhatToDo() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
        var e = assertThrows(IllegalArgumentException.class, y::backward);
        assertEquals("backward: a gradient can be created implicitly only for a scalar output, but the output"
                + " has shape [2, 3]; reduce it first (sum() or mean()) or pass a gradient of that shape", e.getMessage());
    }

    @Test
    void backwardOnATensorThatRequiresNoGradIsAnError() {
        Tensor y = Tensor.ones(2).sum();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: this tensor does not require grad"), e.getMessage());
    }

    @Test
    void secondBackwardThroughAReleasedGraphIsAnError() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("a second time"), e.getMessage());
        assertTrue(e.getMessage().contains("'sum'"), e.getMessage());
    }

    @Test
    void retainedGraphCanBeUsedAgain() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(Tensor.scalar(1f), true);
        loss.backward();
        assertArrayEquals(new float[] {4f, 8f}, x.grad());
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            assertFalse(NoGrad.isGradEnabled());
            y = x.mul(2f);
        }
        assertTrue(NoGrad.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFunction());
    }

    @Test
    void noGradScopesNest() {
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(NoGrad.isGradEnabled());
            }
            assertFalse(NoGrad.isGradEnabled());
        }
        assertTrue(NoGrad.isGradEnabled());
    }

    @Test
    void detachCutsTheGraphButSharesValues() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor y = x.mul(3f);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        y.mul(d).sum().backward();
        assertArrayEquals(new float[] {9f, 18f}, x.grad());
    }

    @Test
    void nonLeafGradientsAreKeptOnlyWhenAsked() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor hidden = x.mul(2f).retainGrad();
        Tensor other = x.mul(3f);
        hidden.mul(other).sum().backward();
        assertArrayEquals(new float[] {3f, 6f}, hidden.grad());
        assertNull(other.grad());
    }

    @Test
    void onlyLeavesChangeRequiresGrad() {
        Tensor y = Tensor.ones(2).requiresGrad(true).add(1f);
        var e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertTrue(e.getMessage().contains("'add'"), e.getMessage());
    }

    @Test
    void assignWritesValuesInPlaceUnderNoGrad() {
        Tensor w = Tensor.of(1f, 2f).requiresGrad(true);
        Tensor view = w.detach();
        var e = assertThrows(IllegalStateException.class, () -> w.assign(Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("NoGrad"), e.getMessage());
        try (NoGrad ignored = NoGrad.enter()) {
            w.assign(Tensor.of(5f, 6f));
        }
        assertArrayEquals(new float[] {5f, 6f}, view);
    }

    @Test
    void leafGradientIsNotAliasedWithOtherGradients() {
        Tensor a = Tensor.of(1f).requiresGrad(true);
        Tensor b = Tensor.of(2f).requiresGrad(true);
        a.add(b).sum().backward();
        assertTrue(a.grad().storage() != b.grad().storage());
    }

    private static void assertArrayEquals(float[] expected, Tensor actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual.toFloatArray(), 1e-6f);
    }
}
