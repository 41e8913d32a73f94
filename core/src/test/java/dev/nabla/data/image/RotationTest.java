package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RotationTest {

    @Test
    void ninetyDegreesCounterClockwiseIsATransposeThenAVerticalFlip() {
        for (int size : new int[] {4, 5}) {
            Tensor image = Tensor.rand(new Generator(size), 3, size, size);

            Tensor expected = image.transpose(1, 2).flip(1);
            assertArrayEquals(expected.toFloatArray(), Rotation.rotate(image, 90, 0f).toFloatArray());
        }
    }

    @Test
    void ninetyDegreesClockwiseIsATransposeThenAHorizontalFlip() {
        for (int size : new int[] {4, 5}) {
            Tensor image = Tensor.rand(new Generator(10 + size), 2, size, size);

            Tensor expected = image.transpose(1, 2).flip(2);
            assertArrayEquals(expected.toFloatArray(), Rotation.rotate(image, -90, 0f).toFloatArray());
        }
    }

    @Test
    void halfATurnIsBothFlipsAndAFullTurnIsNothing() {
        Tensor image = Tensor.rand(new Generator(3), 3, 4, 6);

        assertArrayEquals(image.flip(1, 2).toFloatArray(), Rotation.rotate(image, 180, 0f).toFloatArray());
        assertArrayEquals(image.toFloatArray(), Rotation.rotate(image, 360, 0f).toFloatArray());
    }

    @Test
    void aPixelRightOfTheCentreGoesUpWhenTurnedCounterClockwise() {
        Tensor image = Tensor.zeros(1, 5, 5).maskedFill(onePixel(5, 2, 4), 1f);

        Tensor turned = Rotation.rotate(image, 90, 0f);

        assertEquals(1f, turned.get(0, 0, 2));
        assertEquals(1f, turned.sum().item());
    }

    @Test
    void cornersComingFromOutsideGetTheFill() {
        Tensor image = Tensor.ones(1, 9, 9);

        Tensor turned = Rotation.rotate(image, 45, -1f);

        assertEquals(-1f, turned.get(0, 0, 0), 1e-6);
        assertEquals(1f, turned.get(0, 4, 4), 1e-6);
    }

    @Test
    void anglesAreDrawnFromTheRange() {
        Tensor image = Tensor.rand(new Generator(5), 1, 7, 7);
        Rotation rotation = new Rotation(30, 30, 0f);

        assertArrayEquals(Rotation.rotate(image, 30, 0f).toFloatArray(),
                rotation.apply(image, new Generator(6)).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new Rotation(10, -10, 0f));
        Tensor random = new Rotation(20).apply(image, new Generator(7));
        assertTrue(random.allClose(new Rotation(20).apply(image, new Generator(7))));
        assertEquals(image.get(0, 3, 3), random.get(0, 3, 3), 1e-6, "the centre stays");
    }

    static Tensor onePixel(int size, int row, int column) {
        Tensor mask = Tensor.zeros(1, size, size);
        float[] values = mask.toFloatArray();
        values[row * size + column] = 1;
        return Tensor.of(values, 1, size, size);
    }
}
