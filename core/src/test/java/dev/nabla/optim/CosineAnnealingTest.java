package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CosineAnnealingTest {

    @Test
    void followsPyTorchsCosineAnnealingLrPastItsPeriod() {
        ScheduleTrajectory.assertFollowsPyTorch("cosine", o -> new CosineAnnealing(o, 10, 0.001f));
    }

    @Test
    void warmupFollowsPyTorchsLinearLrThenCosineAnnealingLr() {
        ScheduleTrajectory.assertFollowsPyTorch("cosine_warmup", o -> CosineAnnealing.withWarmup(o, 5, 0.1f, 20, 0f));
    }

    @Test
    void reachesTheMinimumAfterMaxSteps() {
        CosineAnnealing schedule = new CosineAnnealing(ScheduleTrajectory.twoGroupSgd(), 8, 0.01f);
        assertEquals(0.1f, (float) schedule.learningRateAt(0));
        assertEquals(0.01f, (float) schedule.learningRateAt(8));
    }
}
