package dev.nabla.optim;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * The fixed problem of {@code fixtures/optimizers.safetensors} (written by {@code
 * generate_optimizers.py}): a 3×4 weight and a bias of 3 fitted by mean squared error to 8
 * fixed samples; {@link #assertFollowsPyTorch} runs 20 steps and compares both parameters
 * after every step with PyTorch's, within 1e-5 relative (floor 1e-6 for values near 0).
 */
final class Trajectory {

    static final int STEPS = 20;
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    private static final TorchFixture PROBLEM = TorchFixture.load("optimizers", "problem");
    private static final Tensor X = PROBLEM.tensor("x");
    private static final Tensor Y = PROBLEM.tensor("y");

    private Trajectory() {
    }

    /** The weight [3, 4] and bias [3] at their starting values. */
    static List<Parameter> parameters() {
        return List.of(new Parameter(PROBLEM.tensor("weight")), new Parameter(PROBLEM.tensor("bias")));
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

    /** Compares both parameters with PyTorch's after step {@code step} (from 1) of case {@code name}. */
    static void assertMatches(String name, int step, List<Parameter> parameters) {
        TorchFixture f = TorchFixture.load("optimizers", name);
        String[] keys = {"weight", "bias"};
        for (int i = 0; i < keys.length; i++) {
            Tensor expected = f.tensor(keys[i]).slice(0, step - 1, step).squeeze(0);
            TorchFixture.assertClose(expected, parameters.get(i).value(), RELATIVE, ABSOLUTE,
                    name + " step " + step + " " + keys[i]);
        }
    }
}
