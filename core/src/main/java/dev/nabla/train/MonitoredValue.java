package dev.nabla.train;

import java.util.Map;

/** The logged value a callback watches, or an error naming what is logged instead. */
final class MonitoredValue {

    private MonitoredValue() {
    }

    /**
     * {@code logs.get(monitor)}.
     *
     * @throws IllegalArgumentException starting with {@code callback} when it is not logged,
     *     with a hint for a {@code val_} value (fit has no validation data)
     */
    static double of(String callback, String monitor, Map<String, Double> logs) {
        Double value = logs.get(monitor);
        if (value == null) {
            throw new IllegalArgumentException(callback + ": '" + monitor + "' is not logged; logged: " + logs.keySet()
                    + (monitor.startsWith("val_") ? " (give fit validation data)" : ""));
        }
        return value;
    }
}
