package dev.nabla.data.series;

/**
 * The seasonal-naive forecast, the baseline a forecaster has to beat (Hyndman and
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, section 5.2): the value at step
 * {@code t} is forecast as the value one season earlier, {@code series[t − period]}; for a
 * forecast made {@code horizon} steps ahead, as many whole seasons back as it takes to reach a
 * step known {@code horizon} steps before {@code t}. With a period of 1 it is the naive
 * forecast, the last value seen.
 *
 * <pre>{@code
 * SeasonalNaive baseline = new SeasonalNaive(12, 1);                 // monthly data, one month ahead
 * double mae = baseline.meanAbsoluteError(series, windows.targetPositions());
 * }</pre>
 *
 * @param period  the length of a season in steps (12 for monthly data with a yearly cycle)
 * @param horizon how many steps ahead a forecast is made
 */
public record SeasonalNaive(int period, int horizon) {

    public SeasonalNaive {
        if (period < 1 || horizon < 1) {
            throw new IllegalArgumentException("SeasonalNaive: the period and the horizon must be at least 1 step,"
                    + " got " + period + " and " + horizon);
        }
    }

    /** How far back the forecast looks: {@code period · ceil(horizon / period)} steps. */
    public int lag() {
        return period * ((horizon + period - 1) / period);
    }

    /**
     * The forecast of each step in {@code positions}: {@code series[t − lag()]}.
     *
     * @throws IllegalArgumentException when a position has no value {@code lag()} steps before it in the series
     */
    public float[] forecast(float[] series, int[] positions) {
        float[] forecasts = new float[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int t = positions[i];
            if (t - lag() < 0 || t >= series.length) {
                throw new IllegalArgumentException("SeasonalNaive: step " + t + " cannot be forecast from "
                        + lag() + " step(s) before it in a series of " + series.length + " steps");
            }
            forecasts[i] = series[t - lag()];
        }
        return forecasts;
    }

    /** The mean absolute error of {@link #forecast} against the series' values at {@code positions}. */
    public double meanAbsoluteError(float[] series, int[] positions) {
        if (positions.length == 0) {
            throw new IllegalArgumentException("SeasonalNaive: no positions to forecast");
        }
        float[] forecasts = forecast(series, positions);
        double sum = 0;
        for (int i = 0; i < positions.length; i++) {
            sum += Math.abs(series[positions[i]] - forecasts[i]);
        }
        return sum / positions.length;
    }
}
