package dev.nabla.cli.experiment;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The little JSON the CLI writes: metrics as an object, names as an array. */
public final class Json {

    private Json() {
    }

    /**
     * Metrics as one object in the map's order, {@code {"loss": 0.25, "accuracy": 0.9123}};
     * a non-finite value (a diverged loss) is written as null, since JSON has no NaN.
     */
    public static String object(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + (Double.isFinite(e.getValue()) ? e.getValue() : "null"))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Strings as an array, {@code ["T-shirt/top", "Trouser"]}. */
    public static String array(List<String> values) {
        return values.stream().map(Json::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
