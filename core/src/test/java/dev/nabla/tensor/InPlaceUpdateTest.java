package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InPlaceUpdateTest {

    @Test
    void writesStraightIntoATensorThatOwnsItsStorage() {
        Tensor weight = Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2).requiresGrad(true);
        Tensor gradient = Tensor.of(new float[] {10f, 20f, 30f, 40f}, 2, 2);
        try (NoGrad ignored = NoGrad.enter()) {
            InPlaceUpdate.apply(weight, gradient, (values, g) -> {
                assertSame(weight.data(), values);
                assertSame(gradient.data(), g);
                for (int i = 0; i < values.length; i++) {
                    values[i] -= 0.1f * g[i];
                }
            });
        }
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, weight.toFloatArray(), 1e-6f);
    }

    @Test
    void viewsAndStridedGradientsGoThroughCopiesInRowMajorOrder() {
        Tensor storage = Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
        Tensor view = storage.slice(1, 1, 3).transpose(0, 1);           // [[2, 5], [3, 6]]
        Tensor gradient = Tensor.of(new float[] {1f, 3f, 2f, 4f}, 2, 2).transpose(0, 1); // [[1, 2], [3, 4]]
        InPlaceUpdate.apply(view, gradient, (values, g) -> {
            assertArrayEquals(new float[] {2f, 5f, 3f, 6f}, values);
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, g);
            for (int i = 0; i < values.length; i++) {
                values[i] += g[i];
            }
        });
        assertArrayEquals(new float[] {1f, 3f, 6f, 4f, 7f, 10f}, storage.toFloatArray());
    }

    @Test
    void refusesToWriteATensorThatRequiresGradOutsideNoGrad() {
        Tensor weight = Tensor.of(1f, 2f).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class,
                () -> InPlaceUpdate.apply(weight, Tensor.of(1f, 1f), (values, g) -> { }));
        assertTrue(e.getMessage().contains("NoGrad"), e.getMessage());
    }

    @Test
    void refusesAGradientOfAnotherShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> InPlaceUpdate.apply(Tensor.of(1f, 2f), Tensor.of(1f, 2f, 3f), (values, g) -> { }));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    }
}
