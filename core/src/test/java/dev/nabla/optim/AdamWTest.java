package dev.nabla.optim;

import static dev.nabla.optim.Trajectory.assertFollowsPyTorch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void followsPyTorchWithItsDefaultWeightDecay() {
        assertFollowsPyTorch("adamw", p -> new AdamW(p, 0.05f));
    }

    @Test
    void amsgradWithStrongWeightDecayFollowsPyTorch() {
        assertFollowsPyTorch("adamw_amsgrad_weight_decay", p -> new AdamW(p, 0.05f).weightDecay(0.1f).amsgrad(true));
    }

    @Test
    void parameterGroupsFollowPyTorch() {
        assertFollowsPyTorch("adamw_groups", p -> new AdamW(0.05f,
                new ParameterGroup(List.of(p.get(0))).weightDecay(0.01f),
                new ParameterGroup(List.of(p.get(1))).learningRate(0.1f)));
    }

    @Test
    void defaultsArePyTorchs() {
        AdamW adamW = new AdamW(Trajectory.parameters());
        assertEquals(1e-3f, adamW.learningRate());
        assertEquals(1e-2f, adamW.weightDecay());
        assertEquals(1e-8f, adamW.epsilon());
    }

    @Test
    void weightDecayShrinksTheWeightsOutsideTheAdaptiveScaling() {
        Parameter p = new Parameter(Tensor.of(2f));
        p.value().mul(0f).sum().backward();   // a zero gradient: only the decay acts
        new AdamW(List.of(p), 0.1f).weightDecay(0.5f).step();
        assertArrayEquals(new float[] {2f * (1 - 0.1f * 0.5f)}, p.value().toFloatArray(), 1e-7f);
    }
}
