package dev.nabla.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void theDistanceEqualsPytorchFidsFormulaComputedWithSciPy() {
        for (TorchFixture c : TorchFixture.cases("frechet", "frechet/")) {
            double expected = c.tensor("distance").item();
            assertEquals(expected, FrechetDistance.between(c.tensor("a"), c.tensor("b")), 1e-5 * expected, c.name());
        }
    }

    @Test
    void aSetIsAtDistanceZeroFromItselfAndAShiftAddsItsSquaredLength() {
        Tensor a = Tensor.randn(new Generator(1), 100, 4);
        assertEquals(0, FrechetDistance.between(a, a), 1e-9);
        assertEquals(4 * 0.25, FrechetDistance.between(a, a.add(0.5f)), 1e-5);
        var e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, Tensor.zeros(5, 3)));
        assertEquals("FrechetDistance: need features [N, D] and [M, D] with N, M >= 2, got [100, 4] and [5, 3]",
                e.getMessage());
    }
}
