package dev.nabla.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer as data: its type name ({@code Dense}) and arguments ({@code units: 10}), what
 * {@link LayerSpecs#describe} gives and {@link LayerSpecs#create} takes. The arguments keep
 * their order; values are Integer, Long, Float, Double, Boolean, String, lists of them, and,
 * for containers, nested specs as maps ({@link #toMap()}).
 */
public record LayerSpec(String type, Map<String, Object> arguments) {

    /** Copies the arguments, keeping their order. */
    public LayerSpec {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /**
     * The spec from its flat map form, {@code {"type": "Dense", "units": 10}}, as a JSON or
     * YAML file holds it.
     *
     * @throws LayerSpecException if {@code type} is missing or not a string
     */
    public static LayerSpec of(Map<?, ?> flat) {
        Object type = flat.get("type");
        if (!(type instanceof String name)) {
            throw new LayerSpecException("type", type == null ? "a layer spec needs a \"type\"; found the keys "
                    + flat.keySet() : "the layer type must be a string, got " + Arguments.show(type));
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            if (!"type".equals(key)) {
                arguments.put(String.valueOf(key), value);
            }
        });
        return new LayerSpec(name, arguments);
    }

    /** The flat map form: {@code type} first, then the arguments. */
    public Map<String, Object> toMap() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("type", type);
        flat.putAll(arguments);
        return flat;
    }
}
