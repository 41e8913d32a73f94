package dev.nabla.tabular;

import java.util.List;
import java.util.Map;

/**
 * Scales each numeric column linearly so that its training minimum and maximum become the
 * ends of a range, [0, 1] by default (scikit-learn's {@code MinMaxScaler}); a constant column
 * becomes the range's start. Missing values are ignored by fit and stay missing.
 */
public final class MinMaxScaler extends Scaler {

    private final double low;
    private final double high;

    /** To [0, 1]. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /** To [low, high], {@code low < high} (scikit-learn's {@code feature_range}). */
    public MinMaxScaler(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("MinMaxScaler: the range needs low < high, got [" + low + ", " + high
                    + "]");
        }
        this.low = low;
        this.high = high;
    }

    @Override
    public MinMaxScaler fit(Table table) {
        super.fit(table);
        return this;
    }

    @Override
    double[] fitColumn(double[] present) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : present) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = Statistics.nonZeroScale(max - min) / (high - low);
        return new double[] {min - low * scale, scale};
    }

    @Override
    Map<String, Object> settings() {
        return Map.of("feature_range", List.of(low, high));
    }
}
