package dev.nabla.optim;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * The schedule half of {@code generate_optimizers.py} ({@code fixtures/schedules.safetensors}):
 * an Sgd with two groups (learning rates 0.1 and 0.02) under each schedule, the rates at
 * construction and after each of 30 steps, compared within 1e-5 relative (floor 1e-6).
 */
final class ScheduleTrajectory {

    static final int STEPS = 30;

    private ScheduleTrajectory() {
    }

    static Sgd twoGroupSgd() {
        return new Sgd(0.1f, new ParameterGroup(List.of(new Parameter(Tensor.zeros(1)))),
                new ParameterGroup(List.of(new Parameter(Tensor.zeros(1)))).learningRate(0.02f));
    }

    static void assertFollowsPyTorch(String name, Function<Optimizer, LearningRateSchedule> schedule) {
        assertFollowsPyTorch(name, schedule, STEPS);
    }

    /** Compares the rates at steps 0 to {@code lastStep}; returns the schedule there. */
    static LearningRateSchedule assertFollowsPyTorch(String name, Function<Optimizer, LearningRateSchedule> schedule,
                                                     int lastStep) {
        Sgd sgd = twoGroupSgd();
        LearningRateSchedule s = schedule.apply(sgd);
        for (int step = 0; step <= lastStep; step++) {
            if (step > 0) {
                s.step();
            }
            assertRates(name, step, sgd);
        }
        return s;
    }

    /** The values a ReduceLROnPlateau case was stepped with. */
    static float[] monitored(String name) {
        return TorchFixture.load("schedules", name).tensor("monitored").toFloatArray();
    }

    /** Compares both groups' rates with PyTorch's after step {@code step} (0: at construction). */
    static void assertRates(String name, int step, Optimizer optimizer) {
        Tensor rows = TorchFixture.load("schedules", name).tensor("learning_rates");
        Tensor expected = rows.slice(0, step, step + 1).squeeze(0);
        Tensor rates = Tensor.of(optimizer.groups().get(0).learningRate(), optimizer.groups().get(1).learningRate());
        TorchFixture.assertClose(expected, rates, Trajectory.RELATIVE, Trajectory.ABSOLUTE,
                name + " step " + step + " learning rates");
    }
}
