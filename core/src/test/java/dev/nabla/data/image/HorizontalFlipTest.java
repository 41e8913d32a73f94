package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    @Test
    void flippingTwiceGivesTheImageBack() {
        Tensor image = Tensor.rand(new Generator(1), 3, 5, 7);

        assertArrayEquals(image.toFloatArray(), HorizontalFlip.flip(HorizontalFlip.flip(image)).toFloatArray());
    }

    @Test
    void columnsSwapEnds() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);

        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, HorizontalFlip.flip(image).toFloatArray());
    }

    @Test
    void probabilityOneAlwaysFlipsAndZeroNever() {
        Tensor image = Tensor.rand(new Generator(2), 1, 4, 4);
        Generator generator = new Generator(3);

        assertArrayEquals(HorizontalFlip.flip(image).toFloatArray(),
                new HorizontalFlip(1).apply(image, generator).toFloatArray());
        assertSame(image, new HorizontalFlip(0).apply(image, generator));
    }

    @Test
    void aboutHalfTheImagesAreFlippedAtProbabilityOneHalf() {
        Tensor image = Tensor.of(new float[] {0, 1}, 1, 1, 2);
        HorizontalFlip flip = new HorizontalFlip(0.5);
        Generator generator = new Generator(4);
        int flipped = 0;
        for (int i = 0; i < 1000; i++) {
            flipped += (int) flip.apply(image, generator).get(0, 0, 0);
        }

        assertEquals(500, flipped, 50);
    }

    @Test
    void rejectsABadProbabilityAndABatch() {
        assertThrows(IllegalArgumentException.class, () -> new HorizontalFlip(1.5));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> new HorizontalFlip(1).apply(Tensor.zeros(2, 1, 4, 4), new Generator(0)));
        assertEquals("HorizontalFlip: expected an image of shape [channels, height, width], got [2, 1, 4, 4];"
                + " apply transforms to one image at a time", batch.getMessage());
    }
}
