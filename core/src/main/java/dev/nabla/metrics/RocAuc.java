package dev.nabla.metrics;

import java.util.Arrays;

/**
 * The exact area under the ROC curve of one binary problem, as scikit-learn's
 * {@code roc_auc_score}: samples sorted by score, one curve point per distinct score, and the
 * trapezoid between points. Tied scores form one diagonal step, so a tied (positive, negative)
 * pair counts as half right. The area is accumulated from weighted counts as
 * Σ over score groups of {@code FP_group · (TP_before + TP_group / 2)}, divided by P·N once.
 */
final class RocAuc {

    private RocAuc() {
    }

    /**
     * The area for {@code scores[i]} with {@code positive[i]} and optional {@code weights[i]}
     * (null: 1 each), i &lt; n; NaN when the positives or the negatives weigh nothing.
     */
    static double area(float[] scores, boolean[] positive, double[] weights, int n) {
        long[] order = descending(scores, n);
        double area = 0;
        double truePositives = 0;
        double falsePositives = 0;
        int i = 0;
        while (i < n) {
            float score = scores[index(order[i])];
            double groupPositives = 0;
            double groupNegatives = 0;
            for (; i < n && scores[index(order[i])] == score; i++) {
                int k = index(order[i]);
                double w = MetricSupport.weight(weights, k);
                if (positive[k]) {
                    groupPositives += w;
                } else {
                    groupNegatives += w;
                }
            }
            area += groupNegatives * (truePositives + groupPositives / 2);
            truePositives += groupPositives;
            falsePositives += groupNegatives;
        }
        return truePositives == 0 || falsePositives == 0 ? Double.NaN : area / (truePositives * falsePositives);
    }

    /**
     * Sample indices from the highest score to the lowest, each packed under its score's
     * order-preserving int bits so one primitive sort does it (−0 is read as 0, its equal).
     */
    private static long[] descending(float[] scores, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(scores[i] + 0f);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) ordered << 32) | (i & 0xffffffffL);
        }
        Arrays.sort(keys);
        for (int lo = 0, hi = n - 1; lo < hi; lo++, hi--) {
            long t = keys[lo];
            keys[lo] = keys[hi];
            keys[hi] = t;
        }
        return keys;
    }

    private static int index(long key) {
        return (int) key;
    }
}
