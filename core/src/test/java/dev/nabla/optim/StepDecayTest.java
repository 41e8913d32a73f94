package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepDecayTest {

    @Test
    void followsPyTorchsStepLr() {
        ScheduleTrajectory.assertFollowsPyTorch("step", o -> new StepDecay(o, 3, 0.5f));
    }

    @Test
    void defaultGammaIsATenth() {
        StepDecay schedule = new StepDecay(ScheduleTrajectory.twoGroupSgd(), 2);
        assertEquals(0.1 * 0.1 * 0.1 * 0.1, schedule.learningRateAt(7), 1e-10);   // 0.1·0.1^⌊7/2⌋
    }

    @Test
    void stepSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(ScheduleTrajectory.twoGroupSgd(), 0));
    }
}
