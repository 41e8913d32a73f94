package dev.nabla.serving;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** A Prometheus histogram: counts per upper bound, cumulative when written, with their sum. */
final class Histogram {

    private final double[] upperBounds;
    /** One count per bound, plus the last for +Inf. */
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double... upperBounds) {
        this.upperBounds = upperBounds.clone();
        counts = new AtomicLongArray(upperBounds.length + 1);
    }

    void observe(double value) {
        int bucket = 0;
        while (bucket < upperBounds.length && value > upperBounds[bucket]) {
            bucket++;
        }
        counts.incrementAndGet(bucket);
        sum.add(value);
    }

    /** The observations so far. */
    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines; {@code labels} like {@code model="a"} or empty. */
    void write(StringBuilder out, String name, String labels) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i <= upperBounds.length; i++) {
            cumulative += counts.get(i);
            String bound = i < upperBounds.length ? format(upperBounds[i]) : "+Inf";
            out.append(name).append("_bucket{").append(prefix).append("le=\"").append(bound).append("\"} ")
                    .append(cumulative).append('\n');
        }
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(format(sum.sum())).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).toPlainString();
    }
}
