package dev.nabla.cli.experiment;

import dev.nabla.nn.Layer;
import java.util.Map;

/**
 * Makes a layer from its type name and arguments, as an experiment file gives them
 * ({@code conv2d}, {@code {filters: 32, kernel_size: 3}}); fails with an
 * {@link IllegalArgumentException} naming an unknown type or argument. Temporary: it stands
 * where {@code dev.nabla.io.LayerSpecs.create} goes once that lands in core.
 */
@FunctionalInterface
public interface LayerFactory {

    /** Until the registry lands: fails, saying so. */
    LayerFactory NOT_YET = (type, arguments) -> {
        throw new IllegalStateException("this build has no layer registry yet (dev.nabla.io.LayerSpecs); layer '"
                + type + "' cannot be made");
    };

    /** The layer of a type with arguments. */
    Layer create(String type, Map<String, Object> arguments);
}
