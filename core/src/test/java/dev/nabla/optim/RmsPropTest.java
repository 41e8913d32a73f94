package dev.nabla.optim;

import static dev.nabla.optim.Trajectory.assertFollowsPyTorch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RmsPropTest {

    @Test
    void followsPyTorch() {
        assertFollowsPyTorch("rmsprop", p -> new RmsProp(p, 0.01f));
    }

    @Test
    void momentumWithWeightDecayFollowsPyTorch() {
        assertFollowsPyTorch("rmsprop_momentum_weight_decay", p -> new RmsProp(p, 0.01f).momentum(0.9f).weightDecay(0.01f));
    }

    @Test
    void centeredFollowsPyTorch() {
        assertFollowsPyTorch("rmsprop_centered", p -> new RmsProp(p, 0.01f).centered(true));
    }

    @Test
    void centeredWithMomentumFollowsPyTorch() {
        assertFollowsPyTorch("rmsprop_centered_momentum",
                p -> new RmsProp(p, 0.005f).alpha(0.9f).centered(true).momentum(0.5f));
    }

    @Test
    void defaultsArePyTorchs() {
        RmsProp rmsProp = new RmsProp(Trajectory.parameters());
        assertEquals(1e-2f, rmsProp.learningRate());
        assertEquals(0.99f, rmsProp.alpha());
        assertEquals(1e-8f, rmsProp.epsilon());
        assertEquals(0f, rmsProp.momentum());
        assertFalse(rmsProp.centered());
    }
}
