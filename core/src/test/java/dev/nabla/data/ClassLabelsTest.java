package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

    @Test
    void labelsOfAnyDtypeAndAColumnAreRead() {
        assertArrayEquals(new int[] {2, -1, 0}, ClassLabels.of(Tensor.of(2, -1, 0), "test"));
        assertArrayEquals(new int[] {1, 0}, ClassLabels.of(Tensor.of(1, 0).to(DType.INT32), "test"));
        assertArrayEquals(new int[] {1, 0}, ClassLabels.of(Tensor.of(new float[] {1, 0}, 2, 1), "test"));
    }

    @Test
    void groupsFollowTheOrderOfFirstAppearance() {
        List<ClassLabels.Group> groups = ClassLabels.groups(new int[] {5, 2, 5, 7, 2});

        assertEquals(List.of(5, 2, 7), groups.stream().map(ClassLabels.Group::label).toList());
        assertArrayEquals(new int[] {0, 2}, groups.get(0).members());
        assertArrayEquals(new int[] {1, 4}, groups.get(1).members());
        assertArrayEquals(new int[] {2, 2, 1}, ClassLabels.counts(groups));
    }

    @Test
    void otherShapesAndValuesAreRefused() {
        var scalar = assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(Tensor.scalar(1), "who"));
        assertEquals("who: need one class label per example, shape [N], got shape []", scalar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(null, "who"));
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(Tensor.of(Float.POSITIVE_INFINITY), "who"));
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(Tensor.of(1e9f), "who"));
    }
}
