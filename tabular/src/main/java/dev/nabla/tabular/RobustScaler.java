package dev.nabla.tabular;

import java.util.List;
import java.util.Map;

/**
 * Scales each numeric column by statistics that outliers hardly move (scikit-learn's
 * {@code RobustScaler}): {@code (x - median) / (q75 - q25)}, the interquartile range by
 * default; a column whose range is zero only loses its median. Missing values are ignored by
 * fit and stay missing.
 */
public final class RobustScaler extends Scaler {

    private final double lowerQuantile;
    private final double upperQuantile;

    /** The median and the range from the 25th to the 75th percentile. */
    public RobustScaler() {
        this(25, 75);
    }

    /** The median and the range between two percentiles, {@code 0 ≤ lower < upper ≤ 100} ({@code quantile_range}). */
    public RobustScaler(double lowerQuantile, double upperQuantile) {
        if (!(0 <= lowerQuantile && lowerQuantile < upperQuantile && upperQuantile <= 100)) {
            throw new IllegalArgumentException("RobustScaler: the quantile range needs 0 ≤ lower < upper ≤ 100, got ("
                    + lowerQuantile + ", " + upperQuantile + ")");
        }
        this.lowerQuantile = lowerQuantile;
        this.upperQuantile = upperQuantile;
    }

    @Override
    public RobustScaler fit(Table table) {
        super.fit(table);
        return this;
    }

    @Override
    double[] fitColumn(double[] present) {
        double range = Statistics.percentile(present, upperQuantile) - Statistics.percentile(present, lowerQuantile);
        return new double[] {Statistics.median(present), Statistics.nonZeroScale(range)};
    }

    @Override
    Map<String, Object> settings() {
        return Map.of("quantile_range", List.of(lowerQuantile, upperQuantile));
    }
}
