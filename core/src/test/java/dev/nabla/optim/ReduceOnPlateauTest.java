package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReduceOnPlateauTest {

    @Test
    void minModeWithRelativeThresholdFollowsPyTorch() {
        assertFollowsPyTorch("plateau_min", o -> new ReduceOnPlateau(o).factor(0.5f).patience(2));
    }

    @Test
    void maxModeWithAbsoluteThresholdCooldownAndFloorFollowsPyTorch() {
        assertFollowsPyTorch("plateau_max_abs_cooldown", o -> new ReduceOnPlateau(o).mode(Plateau.Mode.MAX)
                .factor(0.3f).patience(1).absoluteThreshold(0.1f).cooldown(2).minLearningRate(0.005f));
    }

    @Test
    void reducesAfterMoreThanPatienceStepsWithoutImprovement() {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        ReduceOnPlateau plateau = new ReduceOnPlateau(sgd).patience(2);
        plateau.step(1.0);
        plateau.step(1.0);
        plateau.step(1.0);
        assertEquals(0.1f, sgd.learningRate());
        assertEquals(2, plateau.badSteps());
        plateau.step(1.0);
        assertEquals(0.01f, sgd.learningRate(), 1e-9f);
        assertEquals(1.0, plateau.best());
    }

    private static void assertFollowsPyTorch(String name, Function<Optimizer, ReduceOnPlateau> factory) {
        Sgd sgd = ScheduleTrajectory.twoGroupSgd();
        ReduceOnPlateau plateau = factory.apply(sgd);
        float[] monitored = ScheduleTrajectory.monitored(name);
        ScheduleTrajectory.assertRates(name, 0, sgd);
        for (int step = 1; step <= monitored.length; step++) {
            plateau.step(monitored[step - 1]);
            ScheduleTrajectory.assertRates(name, step, sgd);
        }
    }
}
