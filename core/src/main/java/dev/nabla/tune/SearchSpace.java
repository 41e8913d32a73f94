package dev.nabla.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The hyperparameters of a study, in order, each with its {@link Parameter distribution} and
 * optionally a condition: a parameter that exists only when an earlier one takes certain
 * values ({@code momentum} only when {@code optimizer} is {@code sgd}). A configuration is a
 * map from name to value holding exactly the active parameters.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *         .logFloat("learning_rate", 1e-4, 1e-1)
 *         .choice("optimizer", "adam", "sgd")
 *         .floatRange("momentum", 0.5, 0.99).when("optimizer", "sgd")
 *         .build();
 * }</pre>
 */
public final class SearchSpace {

    /**
     * A parameter's place in the space.
     *
     * @param name      its name (in an experiment file, the key path it sets)
     * @param parameter its distribution
     * @param parent    the parameter it depends on, or null
     * @param values    the parent's values for which it exists
     * @param offset    where its coordinates start in the unit cube
     */
    public record Entry(String name, Parameter parameter, String parent, Set<Object> values, int offset) {
    }

    private final List<Entry> entries;
    private final int dimensions;

    private SearchSpace(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.dimensions = entries.stream().mapToInt(e -> e.parameter().dimensions()).sum();
    }

    /** A builder of a space. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters in order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The names in order. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** Coordinates of the unit cube the model-based searches work in. */
    public int dimensions() {
        return dimensions;
    }

    /** A configuration drawn at random: each active parameter from its distribution. */
    public Map<String, Object> sample(Random random) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Object value = entry.parameter().sample(random);
            if (isActive(entry, config)) {
                config.put(entry.name(), value);
            }
        }
        return config;
    }

    /** Every combination of the parameters' grid values (inactive parameters left out), in order. */
    public List<Map<String, Object>> grid() {
        List<Map<String, Object>> out = new ArrayList<>();
        enumerate(0, new LinkedHashMap<>(), out);
        return out;
    }

    private void enumerate(int index, Map<String, Object> partial, List<Map<String, Object>> out) {
        if (index == entries.size()) {
            out.add(Collections.unmodifiableMap(new LinkedHashMap<>(partial)));
            return;
        }
        Entry entry = entries.get(index);
        if (!isActive(entry, partial)) {
            enumerate(index + 1, partial, out);
            return;
        }
        for (Object value : entry.parameter().gridValues()) {
            partial.put(entry.name(), value);
            enumerate(index + 1, partial, out);
            partial.remove(entry.name());
        }
    }

    /** The configuration's point in the unit cube; an inactive parameter sits at 0.5 (a choice at all zeros). */
    public double[] encode(Map<String, Object> config) {
        double[] unit = new double[dimensions];
        for (Entry entry : entries) {
            if (config.containsKey(entry.name())) {
                entry.parameter().encode(config.get(entry.name()), unit, entry.offset());
            } else if (!(entry.parameter() instanceof Parameter.Choice)) {
                for (int d = 0; d < entry.parameter().dimensions(); d++) {
                    unit[entry.offset() + d] = 0.5;
                }
            }
        }
        return unit;
    }

    /** The configuration at a point of the unit cube (integers rounded, choices by their largest coordinate). */
    public Map<String, Object> decode(double[] unit) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Object value = entry.parameter().decode(unit, entry.offset());
            if (isActive(entry, config)) {
                config.put(entry.name(), value);
            }
        }
        return config;
    }

    /** The point moved onto the nearest configuration: {@code encode(decode(unit))}. */
    public double[] snap(double[] unit) {
        return encode(decode(unit));
    }

    private static boolean isActive(Entry entry, Map<String, Object> config) {
        return entry.parent() == null
                || config.containsKey(entry.parent()) && entry.values().contains(config.get(entry.parent()));
    }

    /** Builds a space parameter by parameter; {@link #when} makes the last one conditional. */
    public static final class Builder {

        private final List<Entry> entries = new ArrayList<>();
        private int dimensions;

        private Builder() {
        }

        /** Adds a parameter. */
        public Builder add(String name, Parameter parameter) {
            if (entries.stream().anyMatch(e -> e.name().equals(name))) {
                throw new IllegalArgumentException("the search space names '" + name + "' twice");
            }
            entries.add(new Entry(name, parameter, null, Set.of(), dimensions));
            dimensions += parameter.dimensions();
            return this;
        }

        /** A float drawn uniformly from [low, high]. */
        public Builder floatRange(String name, double low, double high) {
            return add(name, new Parameter.FloatRange(low, high, false, Parameter.DEFAULT_GRID_POINTS));
        }

        /** A float drawn log-uniformly from [low, high] (a learning rate, a weight decay). */
        public Builder logFloat(String name, double low, double high) {
            return add(name, new Parameter.FloatRange(low, high, true, Parameter.DEFAULT_GRID_POINTS));
        }

        /** An integer drawn uniformly from low to high, both included. */
        public Builder intRange(String name, int low, int high) {
            return add(name, new Parameter.IntRange(low, high, false, Parameter.DEFAULT_GRID_POINTS));
        }

        /** An integer drawn log-uniformly from low to high (a layer's width). */
        public Builder logInt(String name, int low, int high) {
            return add(name, new Parameter.IntRange(low, high, true, Parameter.DEFAULT_GRID_POINTS));
        }

        /** One of the values. */
        public Builder choice(String name, Object... values) {
            return add(name, new Parameter.Choice(List.of(values)));
        }

        /** Always the value. */
        public Builder fixed(String name, Object value) {
            return add(name, new Parameter.Fixed(value));
        }

        /** The parameter added last exists only when the earlier {@code parent} takes one of {@code values}. */
        public Builder when(String parent, Object... values) {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("when(...) follows the parameter it makes conditional");
            }
            Entry last = entries.getLast();
            Entry parentEntry = entries.stream().filter(e -> e.name().equals(parent)).findFirst().orElse(null);
            if (parentEntry == null || parentEntry == last) {
                throw new IllegalArgumentException("'" + last.name() + "' depends on '" + parent
                        + "', which must be a parameter declared before it");
            }
            if (parentEntry.parameter() instanceof Parameter.Choice choice) {
                for (Object value : values) {
                    if (!choice.values().contains(value)) {
                        throw new IllegalArgumentException("'" + last.name() + "' depends on '" + parent + "' being "
                                + value + ", which is not one of its choices " + choice.values());
                    }
                }
            }
            entries.set(entries.size() - 1, new Entry(last.name(), last.parameter(), parent, Set.of(values),
                    last.offset()));
            return this;
        }

        /** The space. */
        public SearchSpace build() {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a search space needs at least one parameter");
            }
            return new SearchSpace(entries);
        }
    }
}
