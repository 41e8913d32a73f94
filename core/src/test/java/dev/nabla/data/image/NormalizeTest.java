package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizeTest {

    @Test
    void subtractsTheMeanAndDividesByTheDeviationOfEachChannel() {
        Tensor image = Tensor.of(new float[] {1, 3, 10, 20}, 2, 1, 2);

        Tensor normalized = new Normalize(new float[] {2, 10}, new float[] {1, 5}).apply(image, null);

        assertArrayEquals(new float[] {-1, 1, 0, 2}, normalized.toFloatArray());
    }

    @Test
    void rejectsMismatchedChannelsAndZeroDeviations() {
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Normalize.imagenet().apply(Tensor.zeros(1, 2, 2), null));
        assertEquals("Normalize: the image has 1 channels (shape [1, 2, 2]) but 3 means and standard deviations"
                + " were given", error.getMessage());
    }
}
