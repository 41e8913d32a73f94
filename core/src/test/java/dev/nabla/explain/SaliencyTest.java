package dev.nabla.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SaliencyTest {

    @Test
    void equalsCaptumsSaliencyOnTheSameModelAndInput() {
        Sequential model = CaptumFixture.model();
        Tensor saliency = Saliency.attribute(model, CaptumFixture.tensor("input"), CaptumFixture.TARGETS);
        CaptumFixture.assertMatchesCaptum("saliency", saliency);
    }

    @Test
    void leavesTheModelsGradientsAndModeAsTheyWere() {
        Sequential model = CaptumFixture.model();
        model.train();
        Saliency.attribute(model, CaptumFixture.tensor("input"), 1);
        assertTrue(model.isTraining());
        model.parameters().forEach(parameter -> assertNull(parameter.grad()));
    }

    @Test
    void aTargetOutsideTheOutputsIsNamed() {
        Sequential model = CaptumFixture.model();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Saliency.attribute(model, CaptumFixture.tensor("input"), 0, 3));
        assertEquals("explain: target class 3 of sample 1 is not among the model's 3 outputs", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Saliency.attribute(model, Tensor.zeros(3, 1, 8, 8), 0, 1));
    }
}
