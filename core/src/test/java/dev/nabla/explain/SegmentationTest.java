package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SegmentationTest {

    @Test
    void aGridCutsSquaresNumberedRowByRow() {
        Segmentation grid = Segmentation.grid(5, 6, 4);
        assertEquals(4, grid.count());
        assertEquals(0, grid.labels()[0]);
        assertEquals(1, grid.labels()[5]);            // (0, 5)
        assertEquals(3, grid.labels()[4 * 6 + 5]);    // (4, 5)
        assertThrows(IllegalArgumentException.class, () -> Segmentation.grid(5, 5, 0));
    }

    @Test
    void slicSegmentsFollowAnEdgeAndAreConnected() {
        float[] pixels = new float[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                pixels[y * 16 + x] = x < 7 ? 0.1f : 0.9f;   // an edge off the seeds' grid
            }
        }
        Segmentation segments = Segmentation.slic(Tensor.of(pixels, 1, 16, 16), 16, 0.1, 10);
        assertTrue(segments.count() >= 8 && segments.count() <= 24, "count " + segments.count());
        for (int s = 0; s < segments.count(); s++) {
            boolean left = false;
            boolean right = false;
            for (int p = 0; p < pixels.length; p++) {
                if (segments.labels()[p] == s) {
                    left |= p % 16 < 7;
                    right |= p % 16 >= 7;
                }
            }
            assertTrue(left != right, "segment " + s + " straddles the edge");
        }
        assertEquals(0, Arrays.stream(segments.labels()).filter(l -> l < 0 || l >= segments.count()).count());
    }
}
