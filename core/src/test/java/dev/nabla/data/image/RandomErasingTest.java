package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RandomErasingTest {

    @Test
    void theErasedRectangleCoversTwoToThirtyThreePercentGiveOrTakeRounding() {
        int size = 64;
        double area = size * size;
        // h and w are rounded to whole pixels: h·w is within ½·√A·(√r + 1/√r) + ¼ of the drawn area A.
        double slack = 0.5 * (Math.sqrt(3.3) + 1 / Math.sqrt(3.3));
        double low = 0.02 * area - slack * Math.sqrt(0.02 * area);
        double high = 0.33 * area + slack * Math.sqrt(0.33 * area) + 0.25;
        RandomErasing erasing = new RandomErasing(1, 0.02, 0.33, 0.3, 3.3, 0f);
        Generator generator = new Generator(1);
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 0; i < 300; i++) {
            Tensor erased = erasing.apply(Tensor.ones(3, size, size), generator);
            int count = erasedRectangle(erased.slice(0, 0, 1));
            assertEquals(count, (int) (3 * area - erased.sum().item()) / 3, "every channel is erased");
            smallest = Math.min(smallest, count);
            largest = Math.max(largest, count);
        }
        assertTrue(smallest >= low && smallest < 0.04 * area, "smallest " + smallest);
        assertTrue(largest <= high && largest > 0.28 * area, "largest " + largest);
    }

    @Test
    void theDefaultsEraseAboutHalfTheImages() {
        RandomErasing erasing = new RandomErasing();
        Tensor image = Tensor.ones(1, 16, 16);
        Generator generator = new Generator(2);
        int erased = 0;
        for (int i = 0; i < 1000; i++) {
            erased += erasing.apply(image, generator) == image ? 0 : 1;
        }
        assertEquals(500, erased, 60);
    }

    @Test
    void probabilityZeroLeavesTheImageAndEraseSetsExactlyTheRectangle() {
        Tensor image = Tensor.ones(1, 3, 4);
        assertSame(image, new RandomErasing(0, 0.02, 0.33, 0.3, 3.3, 0f).apply(image, new Generator(3)));

        Tensor erased = RandomErasing.erase(image, 1, 1, 2, 2, 7f);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 7, 7, 1, 1, 7, 7, 1}, erased.toFloatArray());
    }

    /** The number of zeros of a one-channel image, checked to form a filled rectangle. */
    private static int erasedRectangle(Tensor image) {
        int rows = image.dim(1);
        int columns = image.dim(2);
        int top = rows;
        int bottom = -1;
        int left = columns;
        int right = -1;
        int count = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                if (image.get(0, y, x) == 0f) {
                    count++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertEquals((bottom - top + 1) * (right - left + 1), count, "the erased pixels form a rectangle");
        return count;
    }
}
