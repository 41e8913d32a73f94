package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class VerticalFlipTest {

    @Test
    void flippingTwiceGivesTheImageBack() {
        Tensor image = Tensor.rand(new Generator(1), 3, 6, 5);

        assertArrayEquals(image.toFloatArray(), VerticalFlip.flip(VerticalFlip.flip(image)).toFloatArray());
    }

    @Test
    void rowsSwapEnds() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);

        assertArrayEquals(new float[] {5, 6, 3, 4, 1, 2}, VerticalFlip.flip(image).toFloatArray());
    }

    @Test
    void probabilityOneAlwaysFlipsAndZeroNever() {
        Tensor image = Tensor.rand(new Generator(2), 3, 4, 4);
        Generator generator = new Generator(3);

        assertArrayEquals(VerticalFlip.flip(image).toFloatArray(),
                new VerticalFlip(1).apply(image, generator).toFloatArray());
        assertSame(image, new VerticalFlip(0).apply(image, generator));
    }
}
