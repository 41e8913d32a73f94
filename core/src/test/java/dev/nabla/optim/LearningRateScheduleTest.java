package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What every closed-form schedule shares. */
class LearningRateScheduleTest {

    @Test
    void eachGroupScalesFromItsOwnBaseRate() {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        LearningRateSchedule schedule = new ExponentialDecay(sgd, 0.5f);
        schedule.step();
        assertEquals(0.05f, sgd.groups().get(0).learningRate());
        assertEquals(0.01f, sgd.groups().get(1).learningRate());
        assertEquals(1, schedule.stepCount());
    }

    @Test
    void aResumedScheduleJumpsToItsStep() {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        LearningRateSchedule schedule = new StepDecay(sgd, 2, 0.5f);
        schedule.setStepCount(4);
        assertEquals(0.025f, sgd.learningRate());
        schedule.step();
        assertEquals(5, schedule.stepCount());
    }

    @Test
    void learningRateAtLooksAheadWithoutChangingTheOptimizer() {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        LearningRateSchedule schedule = new ExponentialDecay(sgd, 0.5f);
        assertEquals(0.1 * 0.125, schedule.learningRateAt(3), 1e-9);
        assertEquals(0.1f, sgd.learningRate());
    }
}
