package dev.nabla.tune;

import java.util.Locale;

/** Whether a study looks for the lowest objective (a loss) or the highest (an accuracy). */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** The objective as a loss: lower is better in both directions; NaN (a failed trial) as +∞. */
    public double loss(double objective) {
        if (Double.isNaN(objective)) {
            return Double.POSITIVE_INFINITY;
        }
        return this == MINIMIZE ? objective : -objective;
    }

    /** {@code min} or {@code max}, as an experiment file writes it. */
    public static Direction parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "min", "minimize" -> MINIMIZE;
            case "max", "maximize" -> MAXIMIZE;
            default -> throw new IllegalArgumentException("a direction is min or max, got '" + text + "'");
        };
    }
}
