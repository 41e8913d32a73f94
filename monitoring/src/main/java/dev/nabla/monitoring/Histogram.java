package dev.nabla.monitoring;

/**
 * A histogram in TensorFlow's {@code HistogramProto} form: extremes, count, sum, sum of
 * squares, and per bucket its right edge and count. Buckets are equal in width between the
 * extremes (TensorFlow's own are exponential; TensorBoard re-bins either).
 */
record Histogram(double min, double max, double count, double sum, double sumOfSquares, double[] rightEdges,
                 double[] counts) {

    static final int BUCKETS = 30;

    /** The histogram of {@code values}; NaN and infinite values are left out (an empty one has no bucket). */
    static Histogram of(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (float value : values) {
            if (Float.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
                squares += (double) value * value;
                count++;
            }
        }
        if (count == 0) {
            return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
        }
        int buckets = min == max ? 1 : BUCKETS;
        double width = (max - min) / buckets;
        double[] edges = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            edges[i] = i == buckets - 1 ? max : min + width * (i + 1);
        }
        double[] counts = new double[buckets];
        for (float value : values) {
            if (Float.isFinite(value)) {
                int bucket = buckets == 1 ? 0 : (int) Math.min(buckets - 1, Math.floor((value - min) / width));
                counts[bucket]++;
            }
        }
        return new Histogram(min, max, count, sum, squares, edges, counts);
    }

    ProtobufOutput encode() {
        return new ProtobufOutput().doubleValue(1, min).doubleValue(2, max).doubleValue(3, count)
                .doubleValue(4, sum).doubleValue(5, sumOfSquares).packedDoubles(6, rightEdges)
                .packedDoubles(7, counts);
    }
}
