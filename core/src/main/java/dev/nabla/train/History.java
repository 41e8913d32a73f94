package dev.nabla.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-epoch logs of a {@link Model#fit} run (Keras's {@code History}), e.g. {@code get("val_loss")}. */
public final class History implements Callback {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((key, value) -> values.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
    }

    /** One value per epoch of a logged quantity; fails naming the known keys for an unknown one. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History: nothing logged as '" + key + "'; logged: " + values.keySet());
        }
        return List.copyOf(v);
    }

    /** Every logged quantity, in the order first logged. */
    public Map<String, List<Double>> values() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** The numbers of the epochs that ran (from the initial epoch on). */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /** The value of a quantity after the last epoch. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }
}
