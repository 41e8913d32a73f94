package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * The fixed problem of {@code generate_optimizers.py}: a 3×4 weight and a bias of 3 fitted by
 * mean squared error to 8 fixed samples; {@link #assertFollowsPyTorch} runs 20 steps and
 * compares both parameters after every step with PyTorch's.
 */
final class Trajectory {

    static final int STEPS = 20;
    static final Fixture FIXTURE = Fixture.load("/fixtures/optimizers.txt");

    private static final Tensor X = Tensor.of(FIXTURE.floats("problem.x"), 8, 4);
    private static final Tensor Y = Tensor.of(FIXTURE.floats("problem.y"), 8, 3);

    private Trajectory() {
    }

    /** The weight [3, 4] and bias [3] at their starting values. */
    static List<Parameter> parameters() {
        return List.of(new Parameter(Tensor.of(FIXTURE.floats("problem.weight"), 3, 4)),
                new Parameter(Tensor.of(FIXTURE.floats("problem.bias"), 3)));
    }

    /** mean((x·Wᵀ + b − y)²) over the 8 samples. */
    static Tensor loss(List<Parameter> p) {
        return loss(p, 0, 8);
    }

    /** The loss over samples {@code from} to {@code to − 1} only, for micro-batches. */
    static Tensor loss(List<Parameter> p, int from, int to) {
        Tensor x = X.slice(0, from, to);
        return x.matmul(p.get(0).value().transpose(0, 1)).add(p.get(1).value()).sub(Y.slice(0, from, to)).pow(2).mean();
    }

    /** One training step: gradients of the loss, then the optimizer's update. */
    static void trainStep(Optimizer optimizer) {
        optimizer.zeroGrad();
        loss(optimizer.parameters()).backward();
        optimizer.step();
    }

    static void assertFollowsPyTorch(String name, Function<List<Parameter>, Optimizer> optimizer) {
        assertFollowsPyTorch(name, optimizer, o -> null);
    }

    /** Runs {@code name}'s configuration, stepping the schedule (if any) after each step. */
    static void assertFollowsPyTorch(String name, Function<List<Parameter>, Optimizer> optimizer,
                                     Function<Optimizer, LearningRateSchedule> schedule) {
        List<Parameter> parameters = parameters();
        Optimizer o = optimizer.apply(parameters);
        LearningRateSchedule s = schedule.apply(o);
        for (int step = 1; step <= STEPS; step++) {
            trainStep(o);
            if (s != null) {
                s.step();
            }
            assertMatches(name, step, parameters);
        }
    }

    static void assertMatches(String name, int step, List<Parameter> parameters) {
        Fixture.assertClose(name + " step " + step + " weight", FIXTURE.get(name + "." + step + ".weight"),
                parameters.get(0).value().toFloatArray());
        Fixture.assertClose(name + " step " + step + " bias", FIXTURE.get(name + "." + step + ".bias"),
                parameters.get(1).value().toFloatArray());
    }
}
