package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OneCycleTest {

    @Test
    void followsPyTorchsOneCycleLrWithItsDefaults() {
        assertFollowsPyTorchThenHolds("one_cycle", o -> new OneCycle(o, 1f, 30));
    }

    @Test
    void linearAnnealingAndOtherShapesFollowPyTorch() {
        assertFollowsPyTorchThenHolds("one_cycle_linear",
                o -> new OneCycle(o, 0.3f, 30, new OneCycle.Options(0.25f, 10f, 100f, false)));
    }

    /** Steps 0..29 as PyTorch; step 30, after the last batch, keeps step 29's rate. */
    private static void assertFollowsPyTorchThenHolds(String name, Function<Optimizer, LearningRateSchedule> cycle) {
        LearningRateSchedule schedule = ScheduleTrajectory.assertFollowsPyTorch(name, cycle, 29);
        float last = schedule.optimizer().learningRate();
        schedule.step();
        assertEquals(last, schedule.optimizer().learningRate());
    }

    @Test
    void startsAtMaxOverTwentyFiveAndEndsFarBelow() {
        OneCycle schedule = new OneCycle(ScheduleTrajectory.twoGroupSgd(), 1f, 100);
        assertEquals(0.04, schedule.learningRateAt(0), 1e-9);
        assertEquals(0.04 / 1e4, schedule.learningRateAt(99), 1e-12);
    }

    @Test
    void steppingPastTheCycleIsAnError() {
        OneCycle schedule = new OneCycle(ScheduleTrajectory.twoGroupSgd(), 1f, 3);
        for (int i = 0; i < 3; i++) {
            schedule.step();
        }
        var e = assertThrows(IllegalStateException.class, schedule::step);
        assertTrue(e.getMessage().contains("set up for 3 steps"), e.getMessage());
    }
}
