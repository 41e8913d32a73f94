package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.Suggestions;
import dev.nabla.metrics.Average;
import dev.nabla.metrics.Metric;
import dev.nabla.metrics.Metrics;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One metric of an experiment: a Keras name ({@code accuracy}, {@code f1}) and, for precision,
 * recall, F1 and the AUC, how the classes average (scikit-learn's {@code average=}). A file
 * writes {@code f1} or {@code {name: f1, average: macro}}; the command line, and the model
 * file's {@code compile.metrics}, {@code f1:macro}. A metric with an average is logged as
 * {@code f1_score_macro}, so that it can sit beside the binary {@code f1_score}.
 *
 * @param name    the metric's name as Nabla logs it without an average ({@code f1_score} for {@code f1})
 * @param average how classes combine, or null for the metric's default
 */
public record MetricSpec(String name, Average average) {

    static final List<String> KEYS = List.of("name", "average");
    static final List<String> AVERAGES = List.of("binary", "macro", "micro", "weighted");

    /** Reads {@code f1}, {@code f1:macro} or {@code {name: f1, average: macro}}. */
    static MetricSpec parse(ConfigNode node) {
        ConfigNode nameNode = node;
        ConfigNode averageNode = null;
        if (node.isMap()) {
            ConfigMap map = node.asMap().allowOnly(KEYS);
            nameNode = map.require("name");
            averageNode = map.get("average");
        }
        String text = nameNode.asString();
        try {
            return averageNode == null ? of(text) : of(text, averageNode.asString());
        } catch (IllegalArgumentException e) {
            boolean aboutAverage = e.getMessage().startsWith("average") || e.getMessage().contains("takes no average");
            throw (aboutAverage && averageNode != null ? averageNode : nameNode).error(e.getMessage());
        }
    }

    /**
     * A metric as the command line writes it: {@code accuracy}, {@code f1:macro}.
     *
     * @throws IllegalArgumentException for an unknown name or average, or an average the metric does not take
     */
    public static MetricSpec of(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? of(text, null) : of(text.substring(0, colon), text.substring(colon + 1));
    }

    private static MetricSpec of(String name, String average) {
        String logged;
        try {
            logged = Metrics.byName(name).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + Suggestions.didYouMean(name, Metrics.names()), e);
        }
        if (average == null) {
            return new MetricSpec(logged, null);
        }
        String wanted = average.strip().toLowerCase(Locale.ROOT);
        if (!AVERAGES.contains(wanted)) {
            throw new IllegalArgumentException("average must be one of " + String.join(", ", AVERAGES) + ", got '"
                    + average + "'");
        }
        Average chosen = Average.valueOf(wanted.toUpperCase(Locale.ROOT));
        Metrics.byName(name, chosen);
        return new MetricSpec(logged, chosen);
    }

    /** A new metric, logged under {@link #key()}. */
    public Metric create() {
        return average == null ? Metrics.byName(name) : new Renamed(Metrics.byName(name, average), key());
    }

    /** The name in logs, history and {@code metrics.json}: {@code f1_score} or {@code f1_score_macro}. */
    public String key() {
        return average == null ? name : name + "_" + averageName();
    }

    /** The command-line form, as {@code compile.metrics} records it: {@code f1_score} or {@code f1_score:macro}. */
    public String text() {
        return average == null ? name : name + ":" + averageName();
    }

    /** The form of {@code config.resolved.yaml}: {@code f1_score} or {@code {name: f1_score, average: macro}}. */
    Object resolved() {
        if (average == null) {
            return name;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("average", averageName());
        return out;
    }

    private String averageName() {
        return average.name().toLowerCase(Locale.ROOT);
    }

    /** A metric under another name: the average in its key keeps two averages of one metric apart. */
    private record Renamed(Metric metric, String name) implements Metric {

        @Override
        public void update(Tensor predictions, Tensor targets, Tensor sampleWeights) {
            metric.update(predictions, targets, sampleWeights);
        }

        @Override
        public double result() {
            return metric.result();
        }

        @Override
        public void reset() {
            metric.reset();
        }
    }
}
