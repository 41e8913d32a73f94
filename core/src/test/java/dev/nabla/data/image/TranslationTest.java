package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TranslationTest {

    @Test
    void shiftsByWholePixelsAndFillsTheGap() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);

        assertArrayEquals(new float[] {9, 1, 2, 9, 4, 5}, Translation.translate(image, 1, 0, 9).toFloatArray());
        assertArrayEquals(new float[] {4, 5, 6, 0, 0, 0}, Translation.translate(image, 0, -1, 0).toFloatArray());
    }

    @Test
    void randomShiftsStayWithinTheLimits() {
        Tensor image = Tensor.zeros(1, 10, 20).maskedFill(RotationTest.onePixel(20, 5, 10).slice(1, 0, 10), 1f);
        Translation translation = new Translation(0.1, 0.2, 0f);
        Generator generator = new Generator(1);
        for (int i = 0; i < 200; i++) {
            Tensor shifted = translation.apply(image, generator);
            int where = (int) shifted.argmax().item();
            assertEquals(1f, shifted.sum().item());
            assertTrue(Math.abs(where / 20 - 5) <= 2, "row shift at most 0.2 · 10");
            assertTrue(Math.abs(where % 20 - 10) <= 2, "column shift at most 0.1 · 20");
        }
    }
}
