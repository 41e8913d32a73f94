package dev.nabla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    @Test
    void balancedWeightsAreScikitLearns() {
        for (String set : SplitFixtures.SETS) {
            TorchFixture fixture = SplitFixtures.set(set);
            Tensor expected = fixture.tensor("class_weight");

            float[] weights = ClassWeights.balanced(fixture.tensor("labels"), expected.dim(0));

            fixture.assertForward("class_weight", Tensor.of(weights));
        }
    }

    @Test
    void everyClassGetsTheSameTotalWeight() {
        Tensor labels = Tensor.of(0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2);

        float[] weights = ClassWeights.balanced(labels, 3);

        assertArrayEquals(new float[] {12f / 18, 12f / 6, 12f / 12}, weights, 1e-7f);
        assertEquals(6 * weights[0], 2 * weights[1], 1e-6);
        assertEquals(6 * weights[0], 4 * weights[2], 1e-6);
    }

    @Test
    void aClassWithoutExamplesOrALabelOutOfRangeIsRefused() {
        var absent = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(Tensor.of(0, 2, 2, 0), 3));
        assertEquals("ClassWeights.balanced: class 1 has no examples, so its balanced weight would be infinite;"
                + " give it examples or leave it out of numClasses", absent.getMessage());
        var outside = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(Tensor.of(0, 1, 3), 3));
        assertEquals("ClassWeights.balanced: label 3 of example 2 is not a class index in [0, 3)",
                outside.getMessage());
        var fractional = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(Tensor.of(0, 1.5f), 2));
        assertEquals("ClassWeights.balanced: label 1.5 of example 1 is not a class index; labels are whole numbers"
                + " such as 0, 1, 2", fractional.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(Tensor.of(0), 0));
    }
}
