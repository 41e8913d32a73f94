package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * The schedule half of {@code generate_optimizers.py}: an Sgd with two groups (learning rates
 * 0.1 and 0.02) under each schedule, the rates at construction and after each of 30 steps.
 */
final class ScheduleFixture {

    static final int STEPS = 30;
    static final Fixture FIXTURE = Fixture.load("/fixtures/schedules.txt");

    private ScheduleFixture() {
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
            assertRates(name + "." + step, sgd);
        }
        return s;
    }

    static void assertRates(String record, Optimizer optimizer) {
        float[] rates = {optimizer.groups().get(0).learningRate(), optimizer.groups().get(1).learningRate()};
        Fixture.assertClose(record + " learning rates", FIXTURE.get(record), rates);
    }
}
