package dev.nabla.tabular;

import java.util.Map;

/**
 * Scales each numeric column to mean 0 and standard deviation 1 (scikit-learn's
 * {@code StandardScaler}): {@code (x - mean) / std}, the population standard deviation of the
 * training values; a constant column only loses its mean. Missing values are ignored by fit
 * and stay missing.
 */
public final class StandardScaler extends Scaler {

    @Override
    public StandardScaler fit(Table table) {
        super.fit(table);
        return this;
    }

    @Override
    double[] fitColumn(double[] present) {
        double mean = Statistics.mean(present);
        double variance = Statistics.variance(present, mean);
        // scikit-learn's _is_constant_feature: a variance within rounding of zero means constant.
        double eps = Math.ulp(1.0);
        double n = present.length;
        boolean constant = variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps);
        return new double[] {mean, constant ? 1 : Math.sqrt(variance)};
    }

    @Override
    Map<String, Object> settings() {
        return Map.of();
    }
}
