package dev.nabla.io;

import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.DenseBlock;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Residual;
import dev.nabla.tensor.ActivationFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry entries of the blocks the model zoo's architectures are made of, whose
 * arguments hold other layers' specs as {@link ContainerSpecs} does:
 *
 * <ul>
 * <li>{@code Residual}: {@code layers}, the path's specs in order; {@code shortcut}, a spec or
 *     none for the identity; {@code activation} after the sum (default {@code linear});
 * <li>{@code DenseBlock}: {@code layers}, the specs in order.
 * </ul>
 */
final class BlockLayerSpecs {

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(Residual.class, "layers: list, shortcut: map, activation: string", BlockLayerSpecs::residual,
                    residual -> values("layers", specs(residual.pathLayers()),
                            "shortcut", residual.shortcut() == null ? null : LayerSpecs.describe(residual.shortcut())
                                    .toMap(),
                            "activation", residual.activation() == ActivationFunction.LINEAR ? null
                                    : residual.activation().kerasName())),
            LayerType.of(DenseBlock.class, "layers: list", BlockLayerSpecs::denseBlock,
                    block -> values("layers", specs(block.layers()))));

    private BlockLayerSpecs() {
    }

    private static Residual residual(Arguments a) {
        Layer shortcut = a.has("shortcut") ? ContainerSpecs.child(a.raw("shortcut"), "shortcut") : null;
        ActivationFunction activation;
        try {
            activation = ActivationFunction.byName(a.has("activation") ? (String) a.raw("activation") : "linear");
        } catch (IllegalArgumentException e) {
            throw new LayerSpecException("activation", "Residual: " + e.getMessage(), e);
        }
        return new Residual(layers(a), shortcut, activation);
    }

    private static DenseBlock denseBlock(Arguments a) {
        return new DenseBlock(layers(a));
    }

    private static List<Layer> layers(Arguments a) {
        if (!a.has("layers")) {
            throw new LayerSpecException("layers", a.layer() + ": argument 'layers' is required");
        }
        List<?> specs = (List<?>) a.raw("layers");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            layers.add(ContainerSpecs.child(specs.get(i), "layers[" + i + "]"));
        }
        return layers;
    }

    private static List<Object> specs(List<Layer> layers) {
        return layers.stream().map(l -> (Object) LayerSpecs.describe(l).toMap()).toList();
    }
}
