package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        Tensor image = Tensor.of(new float[] {0, 1, 2, 3}, 1, 2, 2);

        Tensor large = Resize.resize(image, 4, 4);

        assertArrayEquals(new float[] {
            0, 0.25f, 0.75f, 1,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2, 2.25f, 2.75f, 3}, large.toFloatArray(), 1e-6f);
    }

    @Test
    void shrinkingAveragesWithAWidenedTriangleFilter() {
        // Halving: output pixel 0 is centred at 1.0 and weighs inputs 0, 1, 2 by 0.75, 0.75, 0.25.
        Tensor image = Tensor.of(new float[] {0, 0, 1, 1}, 1, 1, 4);

        assertArrayEquals(new float[] {1 / 7f, 6 / 7f}, Resize.resize(image, 1, 2).toFloatArray(), 1e-6f);
    }

    /** Expected values from Pillow 9.4 ({@code Image.fromarray(a, "F").resize(size, Image.BILINEAR)}). */
    @Test
    void agreesWithPillowsBilinearFilterAtUnevenScales() {
        float[] pattern = new float[35];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (i * 7) % 23;
        }
        Tensor image = Tensor.of(pattern, 1, 5, 7);

        assertArrayEquals(new float[] {8.775974f, 10.532085f, 13.759740f, 11.415585f, 9.398396f, 11.022727f},
                Resize.resize(image, 2, 3).toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {1.0f, 4.181818f, 8.636364f, 13.090909f, 14.757575f, 14.333333f, 9.030303f,
            7.909091f, 12.363636f, 16.818182f, 20.0f},
                Resize.resize(image, 9, 11).slice(1, 1, 2).toFloatArray(), 1e-4f);
    }

    @Test
    void aConstantImageStaysConstantAndTheSameSizeIsTheImage() {
        assertTrue(Resize.resize(Tensor.full(0.3f, 3, 7, 5), 4, 11).allClose(Tensor.full(0.3f, 3, 4, 11)));
        Tensor image = Tensor.rand(new Generator(1), 3, 4, 4);
        assertSame(image, new Resize(4, 4).apply(image, null));
        assertThrows(IllegalArgumentException.class, () -> new Resize(0, 4));
    }
}
