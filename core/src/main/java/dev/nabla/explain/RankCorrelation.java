package dev.nabla.explain;

import java.util.Arrays;

/**
 * Spearman's rank correlation of two equally long arrays (average ranks for ties; 0 if either is
 * constant): how alike two explanation maps are, as in the model-randomisation sanity check of
 * Adebayo et al. (a map of the trained model against the map of the same architecture with fresh
 * weights should correlate weakly).
 */
public final class RankCorrelation {

    private RankCorrelation() {
    }

    /** The rank correlation of {@code a} and {@code b}, in [-1, 1]. */
    public static double spearman(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("rank correlation of arrays of " + a.length + " and " + b.length
                    + " values: they must be equally long");
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double meanA = Arrays.stream(ra).average().orElse(0);
        double meanB = Arrays.stream(rb).average().orElse(0);
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (ra[i] - meanA) * (rb[i] - meanB);
            varianceA += (ra[i] - meanA) * (ra[i] - meanA);
            varianceB += (rb[i] - meanB) * (rb[i] - meanB);
        }
        return varianceA == 0 || varianceB == 0 ? 0 : covariance / Math.sqrt(varianceA * varianceB);
    }

    private static double[] ranks(float[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Float.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = (start + end) / 2.0;
            }
            start = end + 1;
        }
        return ranks;
    }
}
