package dev.nabla.metrics;

/** Σ w·v / Σ w over everything added, 0 when nothing (or only zero weight) was added, as Keras. */
final class WeightedMean {

    private final CompensatedSum total = new CompensatedSum();
    private final CompensatedSum weights = new CompensatedSum();

    /** Adds value v with weight w (null weights mean 1 each) for each element in order. */
    void add(double value, double weight) {
        total.add(value * weight);
        weights.add(weight);
    }

    double result() {
        double w = weights.value();
        return w == 0 ? 0 : total.value() / w;
    }

    void reset() {
        total.reset();
        weights.reset();
    }
}
