package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.optim.LearningRateSchedule;
import dev.nabla.optim.Optimizer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link Model}'s optimizers by name, in the order given: one named
 * {@value ModelFile#DEFAULT_OPTIMIZER} for the common case, or several (a GAN's
 * {@code generator} and {@code discriminator}), each over its own parameters. A single
 * optimizer may also wait as a factory until the network is built.
 */
final class NamedOptimizers {

    private Map<String, Optimizer> optimizers = Map.of();
    private Function<List<Parameter>, Optimizer> factory;
    private final Map<String, LearningRateSchedule> schedules = new LinkedHashMap<>();
    private Map<String, String> restoredState = new LinkedHashMap<>();

    /** Uses these optimizers, checking that no parameter belongs to two of them. */
    void set(Map<String, ? extends Optimizer> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("compile: give at least one optimizer");
        }
        Map<Parameter, String> owner = new IdentityHashMap<>();
        value.forEach((name, optimizer) -> {
            if (name == null || name.isBlank() || optimizer == null) {
                throw new IllegalArgumentException("compile: optimizer names and optimizers must be given, got "
                        + name + " = " + optimizer);
            }
            for (Parameter p : optimizer.parameters()) {
                String other = owner.put(p, name);
                if (other != null) {
                    throw new IllegalArgumentException("compile: optimizers '" + other + "' and '" + name
                            + "' both update " + p + "; give each optimizer its own parameters");
                }
            }
        });
        optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(value));
        factory = null;
    }

    /** Makes the one optimizer from the network's parameters once it is built ({@link #create}). */
    void setFactory(Function<List<Parameter>, Optimizer> value) {
        optimizers = Map.of();
        factory = value;
    }

    boolean isCompiled() {
        return factory != null || !optimizers.isEmpty();
    }

    /** Refuses {@code what} (fit, evaluate) on a model not compiled. */
    void requireCompiled(String what) {
        if (!isCompiled()) {
            throw new IllegalStateException(what + ": the model is not compiled; call compile(optimizer, loss, metrics)"
                    + " first, e.g. compile(\"adam\", \"sparse_categorical_crossentropy\", \"accuracy\")");
        }
    }

    /** Creates the pending optimizer, first running two samples of {@code data} through the network to build it. */
    void ensureCreated(Layer network, Dataset data) {
        if (isPending()) {
            EvaluationMode.build(network, data);
            create(network);
        }
    }

    /** Creates the pending optimizer from the built network's parameters. */
    void create(Layer network) {
        if (factory != null) {
            // Frozen parameters too: the optimizer skips them while frozen, and updates them once unfrozen.
            optimizers = Map.of(ModelFile.DEFAULT_OPTIMIZER, factory.apply(network.parameters()));
            factory = null;
        }
    }

    boolean isPending() {
        return factory != null;
    }

    Map<String, Optimizer> all() {
        return optimizers;
    }

    /** The only optimizer; null while it waits for the network to be built. */
    Optimizer single() {
        if (optimizers.size() > 1) {
            Optimizer named = optimizers.get(ModelFile.DEFAULT_OPTIMIZER);
            if (named != null) {
                return named;
            }
            throw new IllegalStateException("the model has several optimizers " + optimizers.keySet()
                    + "; choose one with optimizer(name)");
        }
        return optimizers.isEmpty() ? null : optimizers.values().iterator().next();
    }

    Optimizer get(String name) {
        Optimizer optimizer = optimizers.get(name);
        if (optimizer == null) {
            throw new IllegalArgumentException("the model has no optimizer named '" + name + "'"
                    + (optimizers.isEmpty() ? " (none created yet)" : "; it has " + optimizers.keySet()));
        }
        return optimizer;
    }

    /** Logs {@code learning_rate}, or with several optimizers {@code <name>_learning_rate} for each. */
    void logLearningRates(Map<String, Double> logs) {
        optimizers.forEach((name, optimizer) -> logs.put(optimizers.size() == 1 ? "learning_rate"
                : name + "_learning_rate", (double) optimizer.learningRate()));
    }

    /**
     * Loads the saved weights into {@code network}, then every optimizer's state saved under its
     * name; a file with one optimizer fills a model with one, whatever its name.
     */
    void restore(Layer network, ModelFile.LoadedModel loaded) {
        network.loadStateDict(loaded.model().stateDict(), true);
        create(network);
        restoredState = new LinkedHashMap<>(loaded.trainingState());
        if (optimizers.size() == 1 && loaded.optimizerStates().size() == 1) {
            loaded.restoreOptimizer(loaded.optimizerStates().keySet().iterator().next(), single());
            return;
        }
        if (!loaded.optimizerStates().keySet().equals(optimizers.keySet())) {
            throw new IllegalArgumentException("the model file holds optimizers " + loaded.optimizerStates().keySet()
                    + " but the model has " + optimizers.keySet());
        }
        optimizers.forEach(loaded::restoreOptimizer);
    }

    /** Remembers the schedule driving an optimizer, for checkpoints ({@link #scheduleState}). */
    void attach(String name, LearningRateSchedule schedule) {
        schedules.put(name, schedule);
    }

    /** Training-state entries of the attached schedules: {@code schedule.<name>.step} and {@code .base_learning_rates}. */
    Map<String, String> scheduleState() {
        Map<String, String> state = new LinkedHashMap<>();
        schedules.forEach((name, schedule) -> {
            state.put("schedule." + name + ".step", Integer.toString(schedule.stepCount()));
            state.put("schedule." + name + ".base_learning_rates", String.join(",", Arrays.stream(
                    schedule.baseLearningRates()).mapToObj(Double::toString).toList()));
        });
        return state;
    }

    /**
     * The step a restored checkpoint's schedule of optimizer {@code name} had reached, or -1;
     * when there is one, first sets the optimizer's rates back to the schedule's base rates, so
     * that a schedule made on it next starts from the same base as the saved one did.
     */
    int prepareRestoredSchedule(String name) {
        String step = restoredState.remove("schedule." + name + ".step");    // used once, by the first schedule made
        String rates = restoredState.remove("schedule." + name + ".base_learning_rates");
        Optimizer optimizer = optimizers.get(name);
        if (step == null || rates == null || optimizer == null) {
            return -1;
        }
        String[] values = rates.split(",");
        if (values.length != optimizer.groups().size()) {
            return -1;
        }
        for (int g = 0; g < values.length; g++) {
            optimizer.groups().get(g).learningRate(Float.parseFloat(values[g]));
        }
        return Integer.parseInt(step);
    }
}
