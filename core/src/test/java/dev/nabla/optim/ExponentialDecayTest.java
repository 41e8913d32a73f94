package dev.nabla.optim;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {

    @Test
    void followsPyTorchsExponentialLr() {
        ScheduleTrajectory.assertFollowsPyTorch("exponential", o -> new ExponentialDecay(o, 0.9f));
    }
}
