package dev.nabla.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {

    @Test
    void thePartsFollowEachOtherInTimeWithHeldOutSizesRoundedUp() {
        Tensor series = Tensor.arange(10).to(DType.FLOAT32);

        ChronologicalSplit parts = ChronologicalSplit.of(series, 0.15, 0.25);

        // ceil(1.5) = 2 to validate, ceil(2.5) = 3 to test, 5 to train
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, parts.train().toFloatArray());
        assertArrayEquals(new float[] {5, 6}, parts.validation().toFloatArray());
        assertArrayEquals(new float[] {7, 8, 9}, parts.test().toFloatArray());
    }

    @Test
    void withoutValidationTheValidationPartIsEmptyAndRowsKeepTheirColumns() {
        Tensor table = Tensor.arange(12).to(DType.FLOAT32).reshape(6, 2);

        ChronologicalSplit parts = ChronologicalSplit.of(table, 0, 0.5);

        assertEquals(0, parts.validation().dim(0));
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, parts.test().toFloatArray());
        assertEquals(2, parts.train().dim(1));
    }

    @Test
    void fractionsThatLeaveNothingToTrainOnAreRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> ChronologicalSplit.of(Tensor.arange(4).to(DType.FLOAT32), 0.5, 0.5));

        assertEquals("ChronologicalSplit: holding out 4 of the 4 steps leaves none to train on; lower the fractions",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChronologicalSplit.of(Tensor.arange(4), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ChronologicalSplit.of(Tensor.arange(4), -0.1, 0.5));
    }
}
