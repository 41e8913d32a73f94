package dev.nabla.optim;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Names;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * Optimizers by Keras-style name ({@code "adam"}, {@code "sgd"}, ...), as factories that
 * take the parameters once the model is built. Each uses its class's defaults (PyTorch's;
 * plain SGD, which has no default learning rate in PyTorch, uses Keras's 0.01).
 */
public final class Optimizers {

    private static final List<String> NAMES = List.of("adam", "adamw", "sgd", "rmsprop", "adagrad");

    private Optimizers() {
    }

    /** A factory for the named optimizer; an unknown name fails listing the known ones. */
    public static Function<List<Parameter>, Optimizer> byName(String name) {
        return switch (Names.normalized(name)) {
            case "adam" -> Adam::new;
            case "adamw" -> AdamW::new;
            case "sgd" -> params -> new Sgd(params, 0.01f);
            case "rmsprop" -> RmsProp::new;
            case "adagrad" -> AdaGrad::new;
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known names: " + NAMES);
        };
    }

    /**
     * The named optimizer over parameter groups, with its class's defaults for the groups that
     * set no learning rate or weight decay; an unknown name fails listing the known ones.
     */
    public static Optimizer byName(String name, List<ParameterGroup> groups) {
        ParameterGroup[] array = groups.toArray(ParameterGroup[]::new);
        float rate = byName(name).apply(List.of(new Parameter(Tensor.zeros(1)))).learningRate();
        return switch (Names.normalized(name)) {
            case "adam" -> new Adam(rate, array);
            case "adamw" -> new AdamW(rate, array);
            case "sgd" -> new Sgd(rate, array);
            case "rmsprop" -> new RmsProp(rate, array);
            default -> new AdaGrad(rate, array);
        };
    }

    /** The names {@link #byName} knows. */
    public static List<String> names() {
        return NAMES;
    }
}
