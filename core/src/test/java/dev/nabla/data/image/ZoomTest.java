package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ZoomTest {

    @Test
    void scaleOneChangesNothing() {
        Tensor image = Tensor.rand(new Generator(1), 3, 6, 6);

        assertArrayEquals(image.toFloatArray(), Zoom.zoom(image, 1, 0f).toFloatArray());
    }

    @Test
    void zoomingInByTwoSpreadsTheCentreAndZoomingOutShrinksIntoTheFill() {
        Tensor image = Tensor.of(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, 1, 3, 3);

        Tensor in = Zoom.zoom(image, 2, 0f);
        assertEquals(1f, in.get(0, 1, 1));
        assertEquals(0.5f, in.get(0, 0, 1));
        assertEquals(0.25f, in.get(0, 0, 0));

        Tensor out = Zoom.zoom(Tensor.ones(1, 5, 5), 0.5, 0f);
        assertEquals(1f, out.get(0, 2, 2));
        assertEquals(0f, out.get(0, 0, 0));
    }

    @Test
    void rejectsANonPositiveScale() {
        assertThrows(IllegalArgumentException.class, () -> new Zoom(0, 1, 0f));
    }
}
