package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineAnnealingWarmRestartsTest {

    @Test
    void growingPeriodsFollowPyTorch() {
        ScheduleTrajectory.assertFollowsPyTorch("warm_restarts", o -> new CosineAnnealingWarmRestarts(o, 5, 2, 0.01f));
    }

    @Test
    void constantPeriodFollowsPyTorch() {
        ScheduleTrajectory.assertFollowsPyTorch("warm_restarts_constant_period",
                o -> new CosineAnnealingWarmRestarts(o, 7));
    }

    @Test
    void restartsAtTheBaseRate() {
        CosineAnnealingWarmRestarts schedule =
                new CosineAnnealingWarmRestarts(ScheduleTrajectory.twoGroupSgd(), 3, 2, 0f);
        assertEquals(0.1, schedule.learningRateAt(3), 1e-8);    // periods 3, 6, 12: restarts at 3 and 9
        assertEquals(0.1, schedule.learningRateAt(9), 1e-8);
        assertEquals(0.05, schedule.learningRateAt(6), 1e-8);    // half way through the period of 6
    }
}
