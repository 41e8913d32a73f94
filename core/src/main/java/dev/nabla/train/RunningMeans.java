package dev.nabla.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sample-weighted means of per-batch values over an epoch, as Keras averages its loss. */
final class RunningMeans {

    private final Map<String, double[]> sums = new LinkedHashMap<>();

    void add(Map<String, Double> batchValues, int samples) {
        batchValues.forEach((key, value) -> {
            double[] s = sums.computeIfAbsent(key, k -> new double[2]);
            s[0] += value * samples;
            s[1] += samples;
        });
    }

    Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((key, s) -> out.put(key, s[1] == 0 ? 0.0 : s[0] / s[1]));
        return out;
    }
}
