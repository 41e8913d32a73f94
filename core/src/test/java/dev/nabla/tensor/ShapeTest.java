package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void sizesRankAndElementCount() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.size());
        assertEquals(2, s.dim(0));
        assertEquals(4, s.dim(-1));
        assertEquals(3, s.dim(-2));
        assertEquals("[2, 3, 4]", s.toString());
    }

    @Test
    void scalarShapeHasRankZeroAndOneElement() {
        Shape s = Shape.of();
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals("[]", s.toString());
        assertSame(Shape.of(), s);
    }

    @Test
    void aZeroSizeMakesAnEmptyShape() {
        assertEquals(0, Shape.of(3, 0, 5).size());
    }

    @Test
    void toArrayAndOfCopySoTheShapeStaysImmutable() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 7;
        s.toArray()[1] = 9;
        assertArrayEquals(new int[] {2, 3}, s.toArray());
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        Shape s = Shape.of(5, 6);
        assertEquals(1, s.axis(-1));
        assertEquals(0, s.axis(-2));
        assertEquals(1, s.axis(1));
    }

    @Test
    void outOfRangeAxisNamesTheAxisAndRank() {
        Shape s = Shape.of(5, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> s.dim(2));
        assertEquals("axis 2 is out of range for a tensor of rank 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.axis(-3));
        assertThrows(IllegalArgumentException.class, () -> Shape.of().axis(0));
    }

    @Test
    void negativeSizeAndOverflowAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, -2));
        assertEquals("shape [3, -2] has a negative dimension", e.getMessage());
        var big = assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
        assertEquals("shape [65536, 65536] holds more than 2^31-1 elements", big.getMessage());
    }

    @Test
    void equalityIsBySizes() {
        assertEquals(Shape.of(2, 3), Shape.of(2, 3));
        assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
        assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
        assertNotEquals(Shape.of(6), Shape.of(6, 1));
    }

    @Test
    void contiguousStridesAreRowMajor() {
        assertArrayEquals(new int[] {12, 4, 1}, Shape.of(2, 3, 4).contiguousStrides());
        assertArrayEquals(new int[0], Shape.of().contiguousStrides());
        assertArrayEquals(new int[] {5, 5, 1}, Shape.of(2, 0, 5).contiguousStrides());
    }

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(2, 3), Shape.broadcast("add", Shape.of(2, 3), Shape.of(3)));
        assertEquals(Shape.of(4, 2, 3), Shape.broadcast("add", Shape.of(4, 1, 3), Shape.of(2, 1)));
        assertEquals(Shape.of(2, 3), Shape.broadcast("add", Shape.of(), Shape.of(2, 3)));
        assertEquals(Shape.of(0, 3), Shape.broadcast("add", Shape.of(0, 1), Shape.of(3)));
        assertEquals(Shape.of(5, 0), Shape.broadcast("add", Shape.of(5, 1), Shape.of(0)));
    }

    @Test
    void broadcastFailureNamesTheOpShapesAndDimension() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Shape.broadcast("mul", Shape.of(2, 3), Shape.of(2, 4)));
        assertEquals("mul: shapes [2, 3] and [2, 4] cannot be broadcast: dimension -1 has sizes 3 and 4",
                e.getMessage());
    }
}
