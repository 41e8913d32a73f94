package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InferenceTest {

    private static Sequential model() {
        return new Sequential(Dense.linear(4, 8), new BatchNorm1d(8), new Relu(), new Dropout(0.5f), Dense.linear(8, 3))
                .seed(3);
    }

    @Test
    void insideTheScopeLayersBehaveAsInEvaluationModeWithoutChangingTheModel() {
        Sequential model = model();
        Tensor x = Tensor.randn(new Generator(1), 5, 4);
        float[] evaluated;
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            evaluated = model.forward(x).toFloatArray();
        }
        model.train();
        try (Inference ignored = Inference.enter()) {
            assertFalse(model.isTraining());
            Tensor y = model.forward(x.requiresGrad(true));
            assertArrayEquals(evaluated, y.toFloatArray());
            assertFalse(y.requiresGrad(), "no graph is recorded");
        }
        assertTrue(model.isTraining(), "the model's own mode is untouched");
    }

    @Test
    void theScopeBelongsToTheThreadThatEnteredIt() throws Exception {
        Sequential model = model();
        try (Inference ignored = Inference.enter()) {
            assertFalse(model.isTraining());
            assertTrue(CompletableFuture.supplyAsync(model::isTraining).get(), "another thread still trains");
        }
    }

    @Test
    void scopesNest() {
        try (Inference outer = Inference.enter()) {
            try (Inference inner = Inference.enter()) {
                assertTrue(Inference.isActive());
            }
            assertTrue(Inference.isActive());
            assertFalse(NoGrad.isGradEnabled());
        }
        assertFalse(Inference.isActive());
        assertTrue(NoGrad.isGradEnabled());
    }
}
