package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aHalfTensorIsUpdatedInFloat32AndRoundedBack() {
        Tensor weight = Tensor.of(1f, 2f, 3f).to(DType.BFLOAT16);
        Tensor gradient = Tensor.of(0.5f, 0.25f, 1f).to(DType.BFLOAT16);
        InPlaceUpdate.apply(weight, gradient, (values, g) -> {
            assertArrayEquals(new float[] {1f, 2f, 3f}, values);
            assertArrayEquals(new float[] {0.5f, 0.25f, 1f}, g);
            for (int i = 0; i < values.length; i++) {
                values[i] -= 0.01f * g[i];
            }
        });
        assertEquals(DType.BFLOAT16, weight.dtype());
        // 0.995, 1.9975 and 2.99 rounded to bfloat16's 8 significant bits.
        assertArrayEquals(new float[] {0.99609375f, 2f, 2.984375f}, weight.toFloatArray());
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
