package dev.nabla.optim;

import static dev.nabla.optim.Trajectory.assertFollowsPyTorch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void plainSgdFollowsPyTorch() {
        assertFollowsPyTorch("sgd", p -> new Sgd(p, 0.1f));
    }

    @Test
    void momentumFollowsPyTorch() {
        assertFollowsPyTorch("sgd_momentum", p -> new Sgd(p, 0.05f).momentum(0.9f));
    }

    @Test
    void nesterovWithWeightDecayFollowsPyTorch() {
        assertFollowsPyTorch("sgd_nesterov_weight_decay",
                p -> new Sgd(p, 0.05f).momentum(0.9f).nesterov(true).weightDecay(0.01f));
    }

    @Test
    void dampeningWithWeightDecayFollowsPyTorch() {
        assertFollowsPyTorch("sgd_dampening_weight_decay",
                p -> new Sgd(p, 0.05f).momentum(0.9f).dampening(0.1f).weightDecay(0.001f));
    }

    @Test
    void parameterGroupsFollowPyTorch() {
        assertFollowsPyTorch("sgd_groups", p -> new Sgd(0.05f,
                new ParameterGroup(List.of(p.get(0))).weightDecay(0.01f),
                new ParameterGroup(List.of(p.get(1))).learningRate(0.1f)).momentum(0.9f));
    }

    @Test
    void underAStepScheduleFollowsPyTorch() {
        assertFollowsPyTorch("sgd_step_schedule", p -> new Sgd(p, 0.1f).momentum(0.9f),
                o -> new StepDecay(o, 5, 0.5f));
    }

    @Test
    void defaultsArePyTorchs() {
        Sgd sgd = new Sgd(Trajectory.parameters());
        assertEquals(1e-3f, sgd.learningRate());
        assertEquals(0f, sgd.momentum());
        assertEquals(0f, sgd.dampening());
        assertEquals(false, sgd.nesterov());
        assertEquals(0f, sgd.weightDecay());
    }

    @Test
    void oneStepIsMinusLearningRateTimesGradient() {
        Parameter p = new Parameter(Tensor.of(1f, 2f));
        p.value().mul(p.value()).sum().backward();   // gradient 2p
        new Sgd(List.of(p), 0.1f).step();
        assertArrayEquals(new float[] {0.8f, 1.6f}, p.value().toFloatArray(), 1e-7f);
    }

    @Test
    void nesterovWithoutMomentumIsRejectedAtTheFirstStep() {
        Sgd sgd = new Sgd(Trajectory.parameters(), 0.1f).nesterov(true);
        Trajectory.loss(sgd.parameters()).backward();
        var e = assertThrows(IllegalStateException.class, sgd::step);
        assertTrue(e.getMessage().contains("Nesterov momentum requires momentum > 0"), e.getMessage());
    }
}
