package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConstantScheduleTest {

    @Test
    void followsPyTorchsConstantLr() {
        ScheduleTrajectory.assertFollowsPyTorch("constant", o -> new ConstantSchedule(o, 0.5f, 4));
    }

    @Test
    void factorOneKeepsTheRate() {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        ConstantSchedule schedule = new ConstantSchedule(sgd, 1f, 0);
        for (int i = 0; i < 5; i++) {
            schedule.step();
        }
        assertEquals(0.1f, sgd.learningRate());
    }
}
