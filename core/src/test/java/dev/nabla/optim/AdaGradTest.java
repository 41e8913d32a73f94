package dev.nabla.optim;

import static dev.nabla.optim.Trajectory.assertFollowsPyTorch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaGradTest {

    @Test
    void followsPyTorch() {
        assertFollowsPyTorch("adagrad", p -> new AdaGrad(p, 0.1f));
    }

    @Test
    void learningRateDecayWeightDecayAndInitialAccumulatorFollowPyTorch() {
        assertFollowsPyTorch("adagrad_decay_weight_decay", p -> new AdaGrad(p, 0.1f)
                .learningRateDecay(0.01f).weightDecay(0.01f).initialAccumulatorValue(0.1f));
    }

    @Test
    void underOneCycleFollowsPyTorch() {
        assertFollowsPyTorch("adagrad_one_cycle", p -> new AdaGrad(p, 0.1f), o -> new OneCycle(o, 0.5f, 20));
    }

    @Test
    void defaultsArePyTorchs() {
        AdaGrad adaGrad = new AdaGrad(Trajectory.parameters());
        assertEquals(1e-2f, adaGrad.learningRate());
        assertEquals(0f, adaGrad.learningRateDecay());
        assertEquals(0f, adaGrad.initialAccumulatorValue());
        assertEquals(1e-10f, adaGrad.epsilon());
    }
}
