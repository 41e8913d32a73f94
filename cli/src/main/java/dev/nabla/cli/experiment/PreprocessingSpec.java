package dev.nabla.cli.experiment;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.tabular.ColumnPipeline;
import dev.nabla.tabular.ColumnType;
import dev.nabla.tabular.MinMaxScaler;
import dev.nabla.tabular.OneHotEncoder;
import dev.nabla.tabular.OrdinalEncoder;
import dev.nabla.tabular.RobustScaler;
import dev.nabla.tabular.SimpleImputer;
import dev.nabla.tabular.StandardScaler;
import dev.nabla.tabular.Table;
import dev.nabla.tabular.TextVectorization;
import dev.nabla.tabular.Transform;
import dev.nabla.tensor.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code data.preprocessing} section of a CSV experiment: groups of feature columns, each
 * through its own steps (scikit-learn's {@code ColumnTransformer}). A group named
 * {@code numeric} or {@code categorical} takes every feature column of that type unless it
 * lists its {@code columns}; any other group lists them. Without the section: numeric columns
 * through {@code simple_imputer} (mean) and {@code standard_scaler}, categorical ones through
 * {@code simple_imputer} (most frequent) and {@code one_hot_encoder}.
 */
final class PreprocessingSpec {

    static final List<String> STEPS = List.of("simple_imputer", "standard_scaler", "min_max_scaler",
            "robust_scaler", "one_hot_encoder", "ordinal_encoder", "text_vectorization");

    /** One group: its name, its columns (null: every feature column of the group's type) and its steps. */
    private record Group(String name, List<String> columns, List<Step> steps, ConfigNode node) {
    }

    /** One step: how to make it (fresh for every fold) and its settings for {@code config.resolved.yaml}. */
    private record Step(Supplier<Transform> factory, Map<String, Object> resolved) {
    }

    private final List<Group> groups;

    private PreprocessingSpec(List<Group> groups) {
        this.groups = groups;
    }

    /** Numeric: impute the mean, standardise; categorical: impute the most frequent, one-hot. */
    static PreprocessingSpec defaults() {
        return new PreprocessingSpec(List.of(
                new Group("numeric", null, List.of(imputer(null, null), new Step(StandardScaler::new,
                        settings("type", "standard_scaler"))), null),
                new Group("categorical", null, List.of(mostFrequent(), new Step(OneHotEncoder::new,
                        settings("type", "one_hot_encoder", "handle_unknown", "error"))), null)));
    }

    static PreprocessingSpec parse(ConfigNode node) {
        ConfigMap map = node.asMap();
        List<Group> groups = new ArrayList<>();
        for (String name : map.keys()) {
            ConfigNode value = map.get(name);
            if (value == null) {
                continue;
            }
            List<String> columns = null;
            ConfigNode steps = value;
            if (value.isMap()) {
                ConfigMap group = value.asMap().allowOnly(List.of("columns", "steps"));
                columns = group.has("columns") ? group.get("columns").asListOrOne().stream().map(ConfigNode::asString)
                        .toList() : null;
                steps = group.require("steps");
            }
            if (columns == null && !name.equals("numeric") && !name.equals("categorical")) {
                throw value.error("the group '" + name + "' needs its 'columns'; only 'numeric' and 'categorical'"
                        + " take the feature columns of their type by default");
            }
            groups.add(new Group(name, columns, steps.asList().stream().map(PreprocessingSpec::step).toList(), value));
        }
        return new PreprocessingSpec(groups);
    }

    private static Step step(ConfigNode node) {
        ConfigMap map = node.isMap() ? node.asMap() : null;
        ConfigNode typeNode = map == null ? node : map.require("type");
        String type = canonical(typeNode);
        List<String> known = switch (type) {
            case "simple_imputer" -> List.of("type", "strategy", "fill_value");
            case "min_max_scaler" -> List.of("type", "feature_range");
            case "robust_scaler" -> List.of("type", "quantile_range");
            case "one_hot_encoder" -> List.of("type", "handle_unknown");
            case "ordinal_encoder" -> List.of("type", "unknown_value");
            case "text_vectorization" -> List.of("type", "max_tokens", "output_sequence_length", "split");
            default -> List.of("type");
        };
        if (map != null) {
            map.allowOnly(known);
        }
        return switch (type) {
            case "simple_imputer" -> imputer(map == null ? null : map.get("strategy"),
                    map == null ? null : map.get("fill_value"));
            case "min_max_scaler" -> {
                double[] range = pair(map, "feature_range", 0, 1);
                yield new Step(() -> new MinMaxScaler(range[0], range[1]), settings("type", type, "feature_range",
                        List.of(range[0], range[1])));
            }
            case "robust_scaler" -> {
                double[] range = pair(map, "quantile_range", 25, 75);
                yield new Step(() -> new RobustScaler(range[0], range[1]), settings("type", type, "quantile_range",
                        List.of(range[0], range[1])));
            }
            case "one_hot_encoder" -> oneHot(map);
            case "text_vectorization" -> textVectorization(map, typeNode);
            case "ordinal_encoder" -> {
                Double unknown = map != null && map.has("unknown_value") ? map.number("unknown_value", 0) : null;
                Map<String, Object> resolved = settings("type", type);
                resolved.put("unknown_value", unknown);
                yield new Step(() -> unknown == null ? new OrdinalEncoder()
                        : new OrdinalEncoder().unknownValue(unknown), resolved);
            }
            default -> new Step(StandardScaler::new, settings("type", type));
        };
    }

    /** Keras's TextVectorization: {@code max_tokens} and {@code output_sequence_length} are required, as the model's sizes follow from them. */
    private static Step textVectorization(ConfigMap map, ConfigNode typeNode) {
        if (map == null || !map.has("max_tokens") || !map.has("output_sequence_length")) {
            throw typeNode.error("text_vectorization needs max_tokens (the vocabulary's size, which is the"
                    + " embedding's input_dim) and output_sequence_length (ids per text), e.g. {type:"
                    + " text_vectorization, max_tokens: 5000, output_sequence_length: 40}");
        }
        int maxTokens = map.integer("max_tokens", 0, 0);
        int length = map.integer("output_sequence_length", 1, 1);
        String split = map.string("split", "whitespace");
        TextVectorization.Split level = switch (split) {
            case "whitespace", "word" -> TextVectorization.Split.WORD;
            case "character" -> TextVectorization.Split.CHARACTER;
            default -> throw map.get("split").error("expected 'whitespace' (words) or 'character', got '" + split + "'");
        };
        try {
            new TextVectorization(maxTokens, length, level);
        } catch (IllegalArgumentException e) {
            throw map.get("max_tokens").error(e.getMessage());
        }
        return new Step(() -> new TextVectorization(maxTokens, length, level), settings("type", "text_vectorization",
                "max_tokens", maxTokens, "output_sequence_length", length, "split",
                level == TextVectorization.Split.WORD ? "whitespace" : "character"));
    }

    private static Step oneHot(ConfigMap map) {
        String handling = map == null ? "error" : map.string("handle_unknown", "error");
        if (!handling.equals("error") && !handling.equals("ignore")) {
            throw map.get("handle_unknown").error("expected 'error' or 'ignore', got '" + handling + "'");
        }
        return new Step(() -> handling.equals("ignore") ? new OneHotEncoder().ignoreUnknown() : new OneHotEncoder(),
                settings("type", "one_hot_encoder", "handle_unknown", handling));
    }

    private static Step mostFrequent() {
        return new Step(() -> new SimpleImputer(SimpleImputer.Strategy.MOST_FREQUENT),
                settings("type", "simple_imputer", "strategy", "most_frequent"));
    }

    /** An imputer of the strategy {@code strategyNode} names (mean when null). */
    private static Step imputer(ConfigNode strategyNode, ConfigNode fill) {
        String strategy = strategyNode == null ? "mean" : strategyNode.asString();
        SimpleImputer.Strategy chosen;
        try {
            chosen = SimpleImputer.Strategy.valueOf(strategy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw strategyNode.error("unknown strategy '" + strategy + "'; known: mean, median, most_frequent,"
                    + " constant");
        }
        Map<String, Object> resolved = settings("type", "simple_imputer", "strategy", strategy);
        if (fill != null && chosen != SimpleImputer.Strategy.CONSTANT) {
            throw fill.error("fill_value goes with strategy: constant");
        }
        if (chosen != SimpleImputer.Strategy.CONSTANT) {
            return new Step(() -> new SimpleImputer(chosen), resolved);
        }
        Object value = fill == null ? null : fill.value();
        double number = value instanceof Number n ? n.doubleValue() : 0;
        String category = value instanceof String s ? s : "missing_value";
        resolved.put("fill_value", value == null ? 0 : value);
        return new Step(() -> SimpleImputer.constant(number, category), resolved);
    }

    private static double[] pair(ConfigMap map, String key, double low, double high) {
        if (map == null || !map.has(key)) {
            return new double[] {low, high};
        }
        List<ConfigNode> values = map.get(key).asList();
        if (values.size() != 2) {
            throw map.get(key).error("expected two numbers [low, high], got " + values.size());
        }
        return new double[] {values.get(0).asDouble(), values.get(1).asDouble()};
    }

    private static String canonical(ConfigNode typeNode) {
        String wanted = Names.normalized(typeNode.asString());
        for (String step : STEPS) {
            if (Names.normalized(step).equals(wanted)) {
                return step;
            }
        }
        throw typeNode.error("unknown preprocessing step '" + typeNode.asString() + "'; known: "
                + String.join(", ", STEPS));
    }

    /**
     * A fresh, unfitted pipeline over the feature columns of {@code table}.
     *
     * @throws IllegalArgumentException naming a feature column that no group takes, or a group's
     *     column that is not a feature
     */
    ColumnPipeline create(Table table, List<String> features) {
        ColumnPipeline pipeline = new ColumnPipeline();
        Set<String> covered = new LinkedHashSet<>();
        Set<String> listed = new LinkedHashSet<>();
        groups.stream().filter(g -> g.columns() != null).forEach(g -> listed.addAll(g.columns()));
        for (Group group : groups) {
            List<String> columns = columnsOf(group, table, features, listed);
            covered.addAll(columns);
            if (!columns.isEmpty()) {
                pipeline = pipeline.add(group.name(), columns, group.steps().stream().map(s -> s.factory().get())
                        .toArray(Transform[]::new));
            }
        }
        for (String feature : features) {
            if (!covered.contains(feature)) {
                throw new IllegalArgumentException("the feature column '" + feature + "' is in no preprocessing"
                        + " group; add it to one, or leave it out of data.features");
            }
        }
        return pipeline;
    }

    /** A group's columns; {@code numeric} and {@code categorical} take those of their type that no group lists. */
    private static List<String> columnsOf(Group group, Table table, List<String> features, Set<String> listed) {
        if (group.columns() == null) {
            ColumnType type = group.name().equals("numeric") ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
            return features.stream().filter(f -> table.column(f).type() == type && !listed.contains(f)).toList();
        }
        for (String column : group.columns()) {
            if (!features.contains(column)) {
                throw new IllegalArgumentException("the preprocessing group '" + group.name() + "' takes column '"
                        + column + "', which is not a feature; features: " + String.join(", ", features));
            }
        }
        return group.columns();
    }

    /** Keys and values in this order. */
    static Map<String, Object> settings(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The section with its defaults filled in, for {@code config.resolved.yaml}. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Group group : groups) {
            List<Object> steps = group.steps().stream().map(s -> (Object) s.resolved()).toList();
            if (group.columns() == null) {
                out.put(group.name(), steps);
            } else {
                out.put(group.name(), settings("columns", group.columns(), "steps", steps));
            }
        }
        return out;
    }
}
