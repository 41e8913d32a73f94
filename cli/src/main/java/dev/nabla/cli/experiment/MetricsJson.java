package dev.nabla.cli.experiment;

import java.util.Map;
import java.util.stream.Collectors;

/** Metrics as one JSON object, {@code {"loss": 0.25, "accuracy": 0.9123}}, in the map's order. */
public final class MetricsJson {

    private MetricsJson() {
    }

    /** The JSON text; a non-finite value (a diverged loss) is written as null, which JSON allows. */
    public static String of(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + (Double.isFinite(e.getValue()) ? e.getValue() : "null"))
                .collect(Collectors.joining(", ", "{", "}"));
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
