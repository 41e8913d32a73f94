package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.List;
import java.util.Locale;

/**
 * What the {@link LayerSpecs} registry knows of one layer type, for documentation and tools:
 * its names, its class and its arguments with their defaults. {@link LayerSpecs#descriptions()}
 * gives one per registered type, found from the registry itself, so it cannot disagree with
 * what {@link LayerSpecs#create} accepts.
 *
 * @param name       the type's name, the layer's class name ({@code BatchNorm2d})
 * @param layerClass the class the type creates
 * @param arguments  the declared arguments, in declaration order ({@code trainable}, which every type takes, aside)
 * @param builtIn    whether the type is one of Nabla's own, rather than {@link LayerSpecs#register registered}
 *                   by a user or a library (which a reference of what the command line accepts leaves out)
 */
public record LayerTypeDescription(String name, Class<? extends Layer> layerClass, List<Argument> arguments,
                                   boolean builtIn) {

    /** Copies the arguments. */
    public LayerTypeDescription {
        arguments = List.copyOf(arguments);
    }

    /**
     * One argument (of a layer type here; the CLI describes the settings of losses, metrics,
     * optimizers and callbacks with it too).
     *
     * @param name         its name ({@code out_channels})
     * @param aliases      the other names it accepts ({@code filters}), Keras's and PyTorch's
     * @param kind         the kind of value, as error messages name it ({@code an integer}, {@code a number})
     * @param required     whether the layer cannot be made without it
     * @param defaultValue the value a layer made without it has (Integer, Float, Boolean, String or a list
     *                     of Integer), or null when there is none (a size inferred from the input) or it
     *                     is another argument's ({@link #defaultFrom})
     * @param defaultFrom  the argument whose value it takes when not given ({@code kernel_size} for a pooling
     *                     stride), or null
     * @param choices      the values a string argument accepts, or empty
     */
    public record Argument(String name, List<String> aliases, String kind, boolean required, Object defaultValue,
                           String defaultFrom, List<String> choices) {

        /** Copies the lists. */
        public Argument {
            aliases = List.copyOf(aliases);
            choices = List.copyOf(choices);
        }
    }

    /**
     * The names the type is known by: the class name, its snake_case form ({@code batch_norm2d})
     * and Keras's and PyTorch's names for it ({@code BatchNormalization}).
     */
    public List<String> names() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(name, snakeCase(name)));
        names.addAll(LayerSpecs.aliases(name));
        return List.copyOf(names);
    }

    /** The snake_case name experiment files use first ({@code batch_norm2d}). */
    public String snakeCaseName() {
        return snakeCase(name);
    }

    /** {@code BatchNorm2d} as {@code batch_norm2d}, {@code Conv2d} as {@code conv2d}, as Keras names layers. */
    static String snakeCase(String className) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
