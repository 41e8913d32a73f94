package dev.nabla.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * One hyperparameter's distribution: a float or integer range (linear or logarithmic), a
 * choice among values, or a fixed value. Every kind maps its values onto the unit cube the
 * model-based searches work in ({@link #dimensions} coordinates in [0, 1]) and back.
 */
public sealed interface Parameter {

    /** Points a float range contributes to a grid unless told otherwise. */
    int DEFAULT_GRID_POINTS = 5;

    /** A value drawn uniformly (in log space for a log range). */
    Object sample(Random random);

    /** The values a grid search tries, in order. */
    List<Object> gridValues();

    /** How many unit-cube coordinates the parameter takes (0 for a fixed value, one per option of a choice). */
    int dimensions();

    /** Writes {@code value}'s coordinates into {@code unit} from {@code offset}. */
    void encode(Object value, double[] unit, int offset);

    /** The value at coordinates {@code unit[offset ...]}, each clamped into [0, 1]. */
    Object decode(double[] unit, int offset);

    /**
     * A float range, drawn uniformly from [low, high], or log-uniformly when {@code log}.
     *
     * @param gridPoints how many evenly spaced values (in log space for a log range) a grid tries
     */
    record FloatRange(double low, double high, boolean log, int gridPoints) implements Parameter {

        public FloatRange {
            checkRange(low, high, log);
            if (gridPoints < 1) {
                throw new IllegalArgumentException("grid points must be at least 1, got " + gridPoints);
            }
        }

        @Override
        public Object sample(Random random) {
            return fromUnit(random.nextDouble());
        }

        @Override
        public List<Object> gridValues() {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < gridPoints; i++) {
                values.add(gridPoints == 1 ? fromUnit(0.5) : fromUnit(i / (double) (gridPoints - 1)));
            }
            return values;
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public void encode(Object value, double[] unit, int offset) {
            double x = ((Number) value).doubleValue();
            unit[offset] = log ? (Math.log(x) - Math.log(low)) / (Math.log(high) - Math.log(low))
                    : (x - low) / (high - low);
        }

        @Override
        public Object decode(double[] unit, int offset) {
            return fromUnit(unit[offset]);
        }

        private double fromUnit(double u) {
            double t = clamp(u);
            double x = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
            return Math.min(high, Math.max(low, x));
        }
    }

    /**
     * An integer range, both ends included; drawn uniformly, or log-uniformly when {@code log}
     * (each integer owns the stretch of the unit interval that rounds to it).
     *
     * @param gridPoints how many evenly spaced values a grid tries (all of them when the range is smaller)
     */
    record IntRange(int low, int high, boolean log, int gridPoints) implements Parameter {

        public IntRange {
            checkRange(low, high, log);
            if (gridPoints < 1) {
                throw new IllegalArgumentException("grid points must be at least 1, got " + gridPoints);
            }
        }

        @Override
        public Object sample(Random random) {
            return fromUnit(random.nextDouble());
        }

        @Override
        public List<Object> gridValues() {
            LinkedHashSet<Object> values = new LinkedHashSet<>();
            if (high - low + 1 <= gridPoints) {
                for (int v = low; v <= high; v++) {
                    values.add(v);
                }
            } else {
                for (int i = 0; i < gridPoints; i++) {
                    double x = gridPoints == 1 ? 0.5 : i / (double) (gridPoints - 1);
                    values.add(log ? (int) Math.round(Math.exp(Math.log(low) + x * (Math.log(high) - Math.log(low))))
                            : (int) Math.round(low + x * (high - low)));
                }
            }
            return List.copyOf(values);
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public void encode(Object value, double[] unit, int offset) {
            double x = ((Number) value).doubleValue();
            unit[offset] = log ? (Math.log(x + 0.5) - Math.log(low - 0.5)) / (Math.log(high + 0.5) - Math.log(low - 0.5))
                    : (x + 0.5 - low) / (high - low + 1.0);
        }

        @Override
        public Object decode(double[] unit, int offset) {
            return fromUnit(unit[offset]);
        }

        private int fromUnit(double u) {
            double t = clamp(u);
            double x = log ? Math.exp(Math.log(low - 0.5) + t * (Math.log(high + 0.5) - Math.log(low - 0.5))) - 0.5
                    : low - 0.5 + t * (high - low + 1.0);
            return (int) Math.max(low, Math.min(high, Math.round(x)));
        }
    }

    /** One of {@code values}, each equally likely; one-hot in the unit cube. */
    record Choice(List<Object> values) implements Parameter {

        public Choice {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException("a choice lists a value twice: " + values);
            }
            values = List.copyOf(values);
        }

        @Override
        public Object sample(Random random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> gridValues() {
            return values;
        }

        @Override
        public int dimensions() {
            return values.size();
        }

        @Override
        public void encode(Object value, double[] unit, int offset) {
            int index = values.indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException(value + " is not one of the choices " + values);
            }
            for (int i = 0; i < values.size(); i++) {
                unit[offset + i] = i == index ? 1 : 0;
            }
        }

        @Override
        public Object decode(double[] unit, int offset) {
            int best = 0;
            for (int i = 1; i < values.size(); i++) {
                if (unit[offset + i] > unit[offset + best]) {
                    best = i;
                }
            }
            return values.get(best);
        }
    }

    /** Always {@code value}: a key set for every trial, taking no part in the search. */
    record Fixed(Object value) implements Parameter {

        @Override
        public Object sample(Random random) {
            return value;
        }

        @Override
        public List<Object> gridValues() {
            return Collections.singletonList(value);
        }

        @Override
        public int dimensions() {
            return 0;
        }

        @Override
        public void encode(Object given, double[] unit, int offset) {
        }

        @Override
        public Object decode(double[] unit, int offset) {
            return value;
        }
    }

    private static void checkRange(double low, double high, boolean log) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("a range needs finite low < high, got low " + low + ", high " + high);
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log range needs low > 0, got " + low);
        }
    }

    private static double clamp(double u) {
        return Math.min(1, Math.max(0, u));
    }
}
