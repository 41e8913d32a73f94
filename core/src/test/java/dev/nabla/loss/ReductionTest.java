package dev.nabla.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReductionTest {

    private static final Tensor LOSSES = Tensor.of(new float[] {1f, 2f, 3f, 6f}, 2, 2);

    @Test
    void meanAveragesEveryValue() {
        assertEquals(3f, Reduction.MEAN.reduce(LOSSES).item());
    }

    @Test
    void sumAddsEveryValue() {
        assertEquals(12f, Reduction.SUM.reduce(LOSSES).item());
    }

    @Test
    void noneKeepsTheValues() {
        assertSame(LOSSES, Reduction.NONE.reduce(LOSSES));
    }
}
