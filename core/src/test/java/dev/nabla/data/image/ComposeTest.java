package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ComposeTest {

    /** Every augmentation, in the order a training recipe would use them. */
    static Compose everything() {
        return new Compose(new RandomCrop(16, 16, 2), new HorizontalFlip(0.5), new VerticalFlip(0.5),
                new Rotation(15), new Translation(0.1, 0.1, 0f), new Zoom(0.9, 1.1, 0f),
                new ColorJitter(0.3, 0.3, 0.3), Normalize.imagenet(), new RandomErasing());
    }

    @Test
    void appliesTheTransformsInOrder() {
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2);

        Tensor result = new Compose(new HorizontalFlip(1), (t, g) -> t.mul(10f)).apply(image, new Generator(0));

        assertArrayEquals(new float[] {20, 10, 40, 30}, result.toFloatArray());
    }

    @Test
    void theSameSeedGivesTheSameAugmentationAndAnotherSeedAnother() {
        Tensor image = Tensor.rand(new Generator(1), 3, 16, 16);
        Compose augment = everything();

        float[] first = augment.apply(image, new Generator(7)).toFloatArray();
        float[] again = augment.apply(image, new Generator(7)).toFloatArray();
        float[] other = augment.apply(image, new Generator(8)).toFloatArray();

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }
}
