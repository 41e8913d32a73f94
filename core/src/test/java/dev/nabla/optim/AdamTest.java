package dev.nabla.optim;

import static dev.nabla.optim.Trajectory.assertFollowsPyTorch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void followsPyTorch() {
        assertFollowsPyTorch("adam", p -> new Adam(p, 0.05f));
    }

    @Test
    void weightDecayFollowsPyTorch() {
        assertFollowsPyTorch("adam_weight_decay", p -> new Adam(p, 0.05f).weightDecay(0.01f));
    }

    @Test
    void amsgradFollowsPyTorch() {
        assertFollowsPyTorch("adam_amsgrad", p -> new Adam(p, 0.05f).beta1(0.8f).beta2(0.99f).amsgrad(true));
    }

    @Test
    void underCosineAnnealingWithWarmupFollowsPyTorch() {
        assertFollowsPyTorch("adam_warmup_cosine", p -> new Adam(p, 0.05f),
                o -> CosineAnnealing.withWarmup(o, 5, 0.1f, 15, 0.001f));
    }

    @Test
    void defaultsArePyTorchs() {
        Adam adam = new Adam(Trajectory.parameters());
        assertEquals(1e-3f, adam.learningRate());
        assertEquals(0.9f, adam.beta1());
        assertEquals(0.999f, adam.beta2());
        assertEquals(1e-8f, adam.epsilon());
        assertEquals(0f, adam.weightDecay());
        assertFalse(adam.amsgrad());
    }

    @Test
    void firstStepMovesEachElementByAboutTheLearningRate() {
        Parameter p = new Parameter(Tensor.of(1f, -2f, 3f));
        p.value().mul(p.value()).sum().backward();
        new Adam(List.of(p), 0.01f).step();
        // m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε): lr times the sign of g
        assertArrayEquals(new float[] {0.99f, -1.99f, 2.99f}, p.value().toFloatArray(), 1e-6f);
    }
}
