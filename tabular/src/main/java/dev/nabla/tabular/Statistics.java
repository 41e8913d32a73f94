package dev.nabla.tabular;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The column statistics the transforms fit, in double precision, each as NumPy computes it. */
final class Statistics {

    private Statistics() {
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The population variance (NumPy's {@code var}, ddof 0), in two passes. */
    static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    /** NumPy's {@code percentile} with linear interpolation, {@code q} from 0 to 100. */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The most frequent value; among equally frequent ones the smallest, as scikit-learn picks. */
    static <T extends Comparable<T>> T mostFrequent(T[] values) {
        Map<T, Integer> counts = new HashMap<>();
        for (T v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        T best = null;
        int bestCount = 0;
        for (Map.Entry<T, Integer> e : counts.entrySet()) {
            int count = e.getValue();
            if (count > bestCount || count == bestCount && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    /** Scikit-learn's guard: a scale that is zero up to rounding becomes 1, so constant columns pass through. */
    static double nonZeroScale(double scale) {
        return scale < 10 * Math.ulp(1.0) ? 1 : scale;
    }
}
