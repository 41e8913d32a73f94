package dev.nabla.io;

import dev.nabla.nn.Layer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds what a registry entry requires and what it defaults to by asking the entry itself,
 * so descriptions need no list beside the factories: it makes the layer with no arguments,
 * gives a sample value to each argument the factory says is required, and reads the defaults
 * the factory fell back to and the settings the new layer describes. It does this twice with
 * different sample values; a default that follows a required argument is that argument's
 * (a pooling stride is its window's size unless given).
 */
final class LayerTypeProbe {

    /** The sample values of the required arguments start here in the first and in the second run. */
    private static final int FIRST_SAMPLES = 1;
    private static final int SECOND_SAMPLES = 7;

    private LayerTypeProbe() {
    }

    /** One creation attempt's findings; {@code made} is false when no layer could be made from samples. */
    private record Run(Map<String, Object> given, Set<String> required, Arguments read, boolean made,
                       Map<String, Object> described) {
    }

    static LayerTypeDescription describe(LayerType<?> type, boolean builtIn) {
        Run first = run(type, FIRST_SAMPLES);
        Run second = run(type, SECOND_SAMPLES);
        List<LayerTypeDescription.Argument> arguments = type.arguments().stream()
                .map(declared -> argument(declared, first, second)).toList();
        return new LayerTypeDescription(type.name(), type.layerClass(), arguments, builtIn);
    }

    private static Run run(LayerType<?> type, int firstSample) {
        Map<String, Object> given = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        int sample = firstSample;
        while (true) {
            Arguments arguments = new Arguments(type.name(), type.arguments(), given);
            try {
                Layer layer = type.create(arguments);
                return new Run(given, required, arguments, true, type.describe(layer));
            } catch (LayerSpecException e) {
                Arguments.Declared missing = type.arguments().stream().filter(d -> d.name().equals(e.key()))
                        .findFirst().orElse(null);
                if (missing == null || given.containsKey(missing.name())) {
                    return new Run(given, required, arguments, false, Map.of());
                }
                required.add(missing.name());
                given.put(missing.name(), sample(missing.kind(), sample++));
            } catch (RuntimeException e) {
                // the samples do not make a valid layer (a permutation, say, or a user's type that
                // does not expect them): what was read so far stands
                return new Run(given, required, arguments, false, Map.of());
            }
        }
    }

    private static Object sample(Arguments.Kind kind, int value) {
        return switch (kind) {
            case INT, INTS, PADDING -> value;
            case FLOAT -> (float) value;
            case BOOL -> true;
            case STRING -> String.valueOf(value);
            case LIST -> List.of();
            case MAP -> Map.of();
        };
    }

    private static LayerTypeDescription.Argument argument(Arguments.Declared declared, Run first, Run second) {
        String name = declared.name();
        boolean required = first.required().contains(name);
        List<String> choices = first.read().choices().getOrDefault(name, List.of());
        Object value = null;
        String from = null;
        if (!required) {
            Object firstValue = defaultOf(name, first);
            Object secondValue = !second.made() ? firstValue : defaultOf(name, second);
            if (Objects.equals(firstValue, secondValue)) {
                value = firstValue;
            } else {
                from = first.given().keySet().stream().filter(r -> Objects.equals(first.given().get(r), firstValue)
                        && Objects.equals(second.given().get(r), secondValue)).findFirst().orElse(null);
            }
        }
        return new LayerTypeDescription.Argument(name, declared.aliases(), declared.kind().description, required,
                value, from, choices);
    }

    /**
     * The value a layer made without the argument has: what the factory fell back to, or else
     * what the new layer describes. A negative size the layer does not describe is one it
     * infers from its input, so it has no default.
     */
    private static Object defaultOf(String name, Run run) {
        Map<String, Object> fallbacks = run.read().fallbacks();
        Object described = run.described().get(name);
        if (!fallbacks.containsKey(name)) {
            return described;
        }
        Object fallback = fallbacks.get(name);
        boolean inferredSize = fallback instanceof Integer size && size < 0 && described == null;
        return inferredSize ? null : described != null ? described : fallback;
    }
}
