package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every optimizer shares: groups, learning rates, skipping, and state save/load. */
class OptimizerTest {

    private static final List<Function<List<Parameter>, Optimizer>> EVERY_KIND = List.of(
            p -> new Sgd(p, 0.05f).momentum(0.9f).nesterov(true).weightDecay(0.01f),
            p -> new Adam(p, 0.05f).amsgrad(true).weightDecay(0.01f),
            p -> new AdamW(p, 0.05f),
            p -> new RmsProp(p, 0.01f).centered(true).momentum(0.5f),
            p -> new AdaGrad(p, 0.1f).learningRateDecay(0.01f).initialAccumulatorValue(0.1f));

    /** Every update rule and option that changes it, for the one-pass check below. */
    private static final List<Function<List<Parameter>, Optimizer>> EVERY_RULE = List.of(
            p -> new Sgd(p, 0.05f),
            p -> new Sgd(p, 0.05f).momentum(0.9f).dampening(0.1f).weightDecay(0.01f),
            p -> new Sgd(p, 0.05f).momentum(0.9f).nesterov(true),
            p -> new Adam(p, 0.05f),
            p -> new Adam(p, 0.05f).amsgrad(true).weightDecay(0.01f).beta1(0.3f),
            p -> new AdamW(p, 0.05f).weightDecay(0.1f),
            p -> new AdamW(p, 0.05f).amsgrad(true),
            p -> new RmsProp(p, 0.01f),
            p -> new RmsProp(p, 0.01f).centered(true).momentum(0.5f).weightDecay(0.01f),
            p -> new AdaGrad(p, 0.1f).learningRateDecay(0.01f).initialAccumulatorValue(0.1f).weightDecay(0.01f));

    @Test
    void stepUpdatesInPlaceExactlyAsOnCopiesOfTheArrays() {
        for (Function<List<Parameter>, Optimizer> rule : EVERY_RULE) {
            Optimizer optimizer = rule.apply(Trajectory.parameters());
            Optimizer reference = rule.apply(copies(optimizer.parameters()));
            List<ParameterState> states = List.of(new ParameterState(), new ParameterState());
            String name = optimizer.getClass().getSimpleName() + " " + optimizer.state().keySet();
            for (int step = 1; step <= 5; step++) {
                Trajectory.trainStep(optimizer);
                reference.zeroGrad();
                Trajectory.loss(reference.parameters()).backward();
                for (int i = 0; i < 2; i++) {
                    // What step() did before it updated in place: copy out, update, copy back.
                    Parameter p = reference.parameters().get(i);
                    float[] value = p.value().toFloatArray();
                    states.get(i).countStep();
                    reference.update(value, p.grad().toFloatArray(), states.get(i), reference.groups().get(0));
                    assertArrayEquals(value, optimizer.parameters().get(i).value().toFloatArray(),
                            name + " step " + step);
                    try (NoGrad ignored = NoGrad.enter()) {
                        p.value().assign(Tensor.of(value, p.shape().toArray()));
                    }
                }
            }
        }
    }

    @Test
    void stateRoundTripContinuesExactlyAsAnUninterruptedRun() {
        for (Function<List<Parameter>, Optimizer> kind : EVERY_KIND) {
            Optimizer straight = kind.apply(Trajectory.parameters());
            for (int step = 0; step < 10; step++) {
                Trajectory.trainStep(straight);
            }
            Map<String, Tensor> saved = straight.state();
            Optimizer resumed = kind.apply(copies(straight.parameters()));
            for (int step = 0; step < 10; step++) {
                Trajectory.trainStep(straight);   // the saved state must not follow these steps
            }
            resumed.loadState(saved);
            for (int step = 0; step < 10; step++) {
                Trajectory.trainStep(resumed);
            }
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(straight.parameters().get(i).value().toFloatArray(),
                        resumed.parameters().get(i).value().toFloatArray(), straight.getClass().getSimpleName());
            }
        }
    }

    @Test
    void stateHoldsBuffersStepsGroupsAndHyperparameters() {
        Adam adam = new Adam(Trajectory.parameters(), 0.05f).amsgrad(true);
        Trajectory.trainStep(adam);
        Trajectory.trainStep(adam);
        Map<String, Tensor> state = adam.state();
        assertEquals(List.of("0.step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq",
                        "1.step", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq",
                        "groups.0.size", "groups.0.learning_rate", "groups.0.weight_decay",
                        "hyperparameters.beta1", "hyperparameters.beta2", "hyperparameters.epsilon",
                        "hyperparameters.amsgrad"),
                List.copyOf(state.keySet()));
        assertEquals(2f, state.get("0.step").item());
        assertEquals(List.of(3, 4), List.of(state.get("0.exp_avg").dim(0), state.get("0.exp_avg").dim(1)));
        assertEquals(1f, state.get("hyperparameters.amsgrad").item());
    }

    @Test
    void loadingRestoresLearningRatesAndHyperparameters() {
        Sgd saved = new Sgd(Trajectory.parameters(), 0.1f).momentum(0.9f);
        saved.setLearningRate(0.025f);
        Sgd loaded = new Sgd(Trajectory.parameters(), 0.1f);
        loaded.loadState(saved.state());
        assertEquals(0.025f, loaded.learningRate());
        assertEquals(0.9f, loaded.momentum());
    }

    @Test
    void loadingAStateOfTheWrongShapeFailsNamingTheMismatch() {
        Adam adam = new Adam(Trajectory.parameters(), 0.05f);
        Trajectory.trainStep(adam);
        Map<String, Tensor> state = adam.state();

        Adam fewer = new Adam(List.of(Trajectory.parameters().get(0)), 0.05f);
        var e = assertThrows(IllegalArgumentException.class, () -> fewer.loadState(state));
        assertTrue(e.getMessage().contains("Adam.loadState: the state does not fit this optimizer: the state has 1"
                + " parameter group(s) of sizes [2], this optimizer has 1 of sizes [1]"), e.getMessage());

        List<Parameter> transposed = List.of(new Parameter(Tensor.zeros(4, 3)), new Parameter(Tensor.zeros(3)));
        Adam other = new Adam(transposed, 0.05f);
        e = assertThrows(IllegalArgumentException.class, () -> other.loadState(state));
        assertTrue(e.getMessage().contains("'0.exp_avg' has shape [3, 4], but parameter 0 has shape [4, 3]"),
                e.getMessage());
        assertNull(other.state().get("0.step"), "a failed load changes nothing");
    }

    @Test
    void loadingAnotherKindsStateFailsNamingTheUnexpectedKeys() {
        Sgd sgd = new Sgd(Trajectory.parameters(), 0.1f).momentum(0.9f);
        Trajectory.trainStep(sgd);
        Adam adam = new Adam(Trajectory.parameters());
        var e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(sgd.state()));
        assertTrue(e.getMessage().contains("unexpected buffer '0.momentum_buffer'"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected hyperparameter 'momentum'"), e.getMessage());
    }

    @Test
    void parametersWithoutAGradientOrFrozenAreLeftAlone() {
        Dense frozen = Dense.linear(2, 2);
        frozen.setTrainable(false);
        Parameter unused = new Parameter(Tensor.of(5f));
        Parameter used = new Parameter(Tensor.of(1f));
        Sgd sgd = new Sgd(List.of(frozen.weight(), unused, used), 0.1f);
        float[] frozenBefore = frozen.weight().value().toFloatArray();
        used.value().mul(3f).sum().backward();
        sgd.step();
        assertArrayEquals(frozenBefore, frozen.weight().value().toFloatArray());
        assertEquals(5f, unused.value().item());
        assertEquals(1f - 0.1f * 3f, used.value().item(), 1e-7f);
        assertEquals(List.of("2.step", "groups.0.size"), sgd.state().keySet().stream().limit(2).toList());
    }

    @Test
    void zeroGradForgetsEveryGradient() {
        Sgd sgd = new Sgd(Trajectory.parameters(), 0.1f);
        Trajectory.loss(sgd.parameters()).backward();
        sgd.zeroGrad();
        sgd.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void groupsKeepTheirOwnSettingsAndInheritTheRest() {
        List<Parameter> p = Trajectory.parameters();
        Sgd sgd = new Sgd(0.1f, new ParameterGroup(List.of(p.get(0))).learningRate(0.01f),
                new ParameterGroup(List.of(p.get(1))).weightDecay(0f)).weightDecay(1e-4f);
        assertEquals(0.01f, sgd.groups().get(0).learningRate());
        assertEquals(1e-4f, sgd.groups().get(0).weightDecay());
        assertEquals(0.1f, sgd.groups().get(1).learningRate());
        assertEquals(0f, sgd.groups().get(1).weightDecay());
        sgd.setLearningRate(0.5f);
        assertEquals(0.5f, sgd.groups().get(0).learningRate());
        assertEquals(0.5f, sgd.groups().get(1).learningRate());
    }

    @Test
    void aParameterInTwoGroupsOrNoParametersAreRejected() {
        List<Parameter> p = Trajectory.parameters();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(1e-3f, new ParameterGroup(p), new ParameterGroup(List.of(p.get(1)))));
        assertTrue(e.getMessage().contains("appears more than once"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of()));
        assertTrue(e.getMessage().contains("empty parameter list"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -0.1f));
    }

    private static List<Parameter> copies(List<Parameter> parameters) {
        return parameters.stream().map(p -> new Parameter(p.value())).toList();
    }
}
