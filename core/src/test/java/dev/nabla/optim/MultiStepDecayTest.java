package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MultiStepDecayTest {

    @Test
    void followsPyTorchsMultiStepLr() {
        ScheduleTrajectory.assertFollowsPyTorch("multi_step", o -> new MultiStepDecay(o, 0.3f, 2, 5, 11));
    }

    @Test
    void milestonesMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> new MultiStepDecay(ScheduleTrajectory.twoGroupSgd(), 5, 2));
    }
}
