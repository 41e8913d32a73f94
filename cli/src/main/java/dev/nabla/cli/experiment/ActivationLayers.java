package dev.nabla.cli.experiment;

import dev.nabla.io.LayerSpecs;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.ActivationFunction;
import java.util.Locale;
import java.util.Map;

/**
 * The layer that a layer entry's {@code activation:} adds after it: an activation's name as
 * {@link ActivationFunction} knows it ({@code relu}, {@code swish}), or any layer type that
 * needs no argument ({@code softmax}, {@code leaky_relu}).
 */
final class ActivationLayers {

    private ActivationLayers() {
    }

    /**
     * The layer {@code activation: name} adds; the identity ({@code linear}, {@code none}) adds
     * none and is no name here.
     *
     * @throws dev.nabla.io.LayerSpecException for a name that is neither
     */
    static Layer create(String name) {
        return ActivationFunction.names().contains(name.toLowerCase(Locale.ROOT))
                ? of(ActivationFunction.byName(name)) : LayerSpecs.create(name, Map.of());
    }

    /** The layer that applies {@code function}: a Relu for relu, a Silu for silu and swish. */
    static Layer of(ActivationFunction function) {
        return LayerSpecs.create(function.kerasName(), Map.of());
    }
}
