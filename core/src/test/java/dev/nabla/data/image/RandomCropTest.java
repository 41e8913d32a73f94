package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.PadMode;
import dev.nabla.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomCropTest {

    @Test
    void cropsWithPaddingKeepTheRequestedShape() {
        Tensor image = Tensor.rand(new Generator(1), 3, 32, 32);

        Tensor crop = new RandomCrop(32, 32, 4).apply(image, new Generator(2));

        assertArrayEquals(new int[] {3, 32, 32}, crop.shape().toArray());
        assertArrayEquals(new int[] {3, 20, 24}, new RandomCrop(20, 24, 0).apply(image, new Generator(2))
                .shape().toArray());
    }

    @Test
    void everyOffsetWithinThePaddingOccursAndTheContentIsAShiftedImage() {
        Tensor image = Tensor.ones(1, 4, 4);
        RandomCrop crop = new RandomCrop(4, 4, 1);
        Generator generator = new Generator(3);
        Set<Float> sums = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Tensor result = crop.apply(image, generator);
            sums.add(result.sum().item());
        }
        // Offsets (0..2, 0..2) keep 9, 12 or 16 ones out of 16.
        assertEquals(Set.of(9f, 12f, 16f), sums);
    }

    @Test
    void reflectPaddingUsesTheImageItself() {
        Tensor image = Tensor.rand(new Generator(4), 1, 3, 3);

        Tensor crop = new RandomCrop(5, 5, 1, PadMode.REFLECT, 0f).apply(image, new Generator(5));

        assertArrayEquals(image.pad(new int[] {1, 1, 1, 1}, PadMode.REFLECT, 0f).toFloatArray(), crop.toFloatArray());
    }

    @Test
    void aCropLargerThanThePaddedImageIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RandomCrop(40, 40, 2).apply(Tensor.zeros(3, 32, 32), new Generator(0)));
        assertTrue(error.getMessage().contains("cannot cut 40×40 out of an image of shape [3, 32, 32] padded by 2"),
                error.getMessage());
    }
}
