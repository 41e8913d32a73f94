package dev.nabla.cli.tune;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.tune.BayesianSampler;
import dev.nabla.tune.Direction;
import dev.nabla.tune.Hyperband;
import dev.nabla.tune.MedianStoppingRule;
import dev.nabla.tune.Parameter;
import dev.nabla.tune.Sampler;
import dev.nabla.tune.Search;
import dev.nabla.tune.SearchSpace;
import dev.nabla.tune.SuccessiveHalving;
import dev.nabla.tune.TreeParzenSampler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tune} section of an experiment file: the search space (key paths to
 * distributions), the objective, the search and its budget, an optional stopping rule.
 * See docs/tuning.md.
 *
 * @param space      the parameters, named by their key paths
 * @param metric     the objective: a column of history.csv (best epoch), or test_NAME from metrics.json
 * @param direction  min or max
 * @param algorithm  random, grid, bayes, tpe, hyperband or asha
 * @param trials     configurations to try (for hyperband: set by the budget)
 * @param seed       the study's seed
 * @param randomStart random configurations before bayes or tpe model the results
 * @param minEpochs  the budget searches' smallest budget
 * @param maxEpochs  the budget searches' largest budget
 * @param reduction  the budget searches' reduction factor η
 * @param stopping   the median stopping rule, or null
 * @param workers    trials run at once, each in its own process when more than 1
 */
public record TuneSpec(SearchSpace space, String metric, Direction direction, String algorithm, int trials, long seed,
                       int randomStart, int minEpochs, int maxEpochs, int reduction, MedianStoppingRule stopping,
                       int workers) {

    /** The searches by name. */
    public static final List<String> ALGORITHMS = List.of("random", "grid", "bayes", "tpe", "hyperband", "asha");

    /** The distributions by their {@code type}. */
    public static final List<String> DISTRIBUTIONS = List.of("float", "int", "choice", "fixed");

    /** The section's keys. */
    public static final List<String> KEYS = List.of("parameters", "objective", "algorithm", "trials", "seed", "random_start",
            "budget", "stopping", "workers");

    /**
     * What the command line changes: each null leaves the file's value.
     *
     * @param algorithm the search
     * @param trials    the number of configurations
     * @param workers   trials at once
     * @param seed      the study's seed
     */
    public record Overrides(String algorithm, Integer trials, Integer workers, Long seed) {
    }

    /** Reads the section; {@code epochs} is the experiment's, the default largest budget. */
    public static TuneSpec parse(ConfigNode node, int epochs, Overrides overrides) {
        ConfigMap map = node.asMap().allowOnly(KEYS);
        SearchSpace space = space(map.require("parameters"));
        ConfigMap objective = map.require("objective").asMap().allowOnly(List.of("metric", "mode"));
        String metric = objective.require("metric").asString();
        Direction direction;
        try {
            direction = Direction.parse(objective.string("mode", metric.contains("loss") ? "min" : "max"));
        } catch (IllegalArgumentException e) {
            throw objective.get("mode").error(e.getMessage());
        }
        String algorithm = overrides.algorithm() != null ? overrides.algorithm() : map.string("algorithm", "random");
        if (!ALGORITHMS.contains(algorithm)) {
            throw (map.has("algorithm") && overrides.algorithm() == null ? map.get("algorithm") : node)
                    .error("unknown algorithm '" + algorithm + "'; known: " + String.join(", ", ALGORITHMS));
        }
        int trials = overrides.trials() != null ? overrides.trials()
                : map.integer("trials", 1, algorithm.equals("grid") ? Integer.MAX_VALUE : 20);
        long seed = overrides.seed() != null ? overrides.seed() : map.integer("seed", 0, 1);
        int randomStart = map.integer("random_start", 1, Math.max(5, space.dimensions() + 1));
        ConfigMap budget = map.has("budget") ? map.get("budget").asMap()
                .allowOnly(List.of("min_epochs", "max_epochs", "reduction")) : null;
        int maxEpochs = budget == null ? epochs : budget.integer("max_epochs", 1, epochs);
        int minEpochs = budget == null ? 1 : budget.integer("min_epochs", 1, 1);
        int reduction = budget == null ? 3 : budget.integer("reduction", 2, 3);
        if (minEpochs > maxEpochs) {
            throw budget.node().error("min_epochs " + minEpochs + " is more than max_epochs " + maxEpochs);
        }
        MedianStoppingRule stopping = null;
        if (map.has("stopping")) {
            ConfigMap rule = map.get("stopping").asMap().allowOnly(List.of("type", "grace_epochs", "minimum_trials"));
            if (!rule.require("type").asString().equals("median")) {
                throw rule.get("type").error("the one stopping rule is 'median'");
            }
            if (metric.startsWith("test_")) {
                throw rule.node().error("median stopping watches the objective after every epoch; " + metric
                        + " is known only at the end: make the objective a column of history.csv (val_loss)");
            }
            stopping = new MedianStoppingRule(direction, rule.integer("grace_epochs", 0, 1),
                    rule.integer("minimum_trials", 1, 3));
        }
        int workers = overrides.workers() != null ? overrides.workers() : map.integer("workers", 1, 1);
        return new TuneSpec(space, metric, direction, algorithm, trials, seed, randomStart, minEpochs, maxEpochs,
                reduction, stopping, workers);
    }

    /** The search the settings describe. */
    public Search search() {
        return switch (algorithm) {
            case "hyperband" -> new Hyperband(space, minEpochs, maxEpochs, reduction, direction, seed);
            case "asha" -> new SuccessiveHalving(space, trials, minEpochs, maxEpochs, reduction, direction, seed);
            default -> Search.sampled(space, sampler(), trials, 0, direction, seed);
        };
    }

    private Sampler sampler() {
        return switch (algorithm) {
            case "grid" -> Sampler.grid();
            case "bayes" -> new BayesianSampler(randomStart);
            case "tpe" -> new TreeParzenSampler(randomStart);
            default -> Sampler.random();
        };
    }

    /** What a resumed study must agree on with the saved one (texts and integers, as JSON reads them back). */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("algorithm", algorithm);
        settings.put("seed", String.valueOf(seed));
        settings.put("trials", trials);
        settings.put("metric", metric);
        settings.put("mode", direction == Direction.MINIMIZE ? "min" : "max");
        settings.put("parameters", space.names());
        return settings;
    }

    private static SearchSpace space(ConfigNode node) {
        SearchSpace.Builder builder = SearchSpace.builder();
        ConfigMap parameters = node.asMap();
        if (parameters.keys().isEmpty()) {
            throw node.error("lists no parameters; map key paths to distributions, e.g."
                    + " training.optimizer.learning_rate: {type: float, low: 1.0e-4, high: 1.0e-2, log: true}");
        }
        for (String path : parameters.keys()) {
            ConfigNode entry = parameters.get(path);
            try {
                KeyPaths.parse(path);
                builder.add(path, parameter(entry));
                if (entry.isMap() && entry.asMap().has("when")) {
                    ConfigMap when = entry.asMap().get("when").asMap();
                    if (when.keys().size() != 1) {
                        throw entry.asMap().get("when").error("names one parameter and its value(s): {optimizer: sgd}");
                    }
                    String parent = when.keys().iterator().next();
                    Object values = when.get(parent).value();
                    builder.when(parent, values instanceof List<?> list ? list.toArray() : new Object[] {values});
                }
            } catch (IllegalArgumentException e) {
                throw entry.error(e.getMessage());
            }
        }
        return builder.build();
    }

    /** {@code {type: float|int, low, high, log, grid_points}}, {@code {type: choice, values}}, {@code {type: fixed, value}}; a list is a choice, a plain value fixed. */
    private static Parameter parameter(ConfigNode entry) {
        if (entry.isList()) {
            return new Parameter.Choice(new ArrayList<>((List<?>) entry.value()));
        }
        if (!entry.isMap()) {
            return new Parameter.Fixed(entry.value());
        }
        ConfigMap map = entry.asMap();
        String type = map.require("type").asString().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "float" -> {
                map.allowOnly(List.of("type", "low", "high", "log", "grid_points", "when"));
                yield new Parameter.FloatRange(map.require("low").asDouble(), map.require("high").asDouble(),
                        map.bool("log", false), map.integer("grid_points", 1, Parameter.DEFAULT_GRID_POINTS));
            }
            case "int" -> {
                map.allowOnly(List.of("type", "low", "high", "log", "grid_points", "when"));
                yield new Parameter.IntRange(map.require("low").asInt(), map.require("high").asInt(),
                        map.bool("log", false), map.integer("grid_points", 1, Parameter.DEFAULT_GRID_POINTS));
            }
            case "choice" -> {
                map.allowOnly(List.of("type", "values", "when"));
                yield new Parameter.Choice(new ArrayList<>((List<?>) map.require("values").asList().stream()
                        .map(ConfigNode::value).toList()));
            }
            case "fixed" -> {
                map.allowOnly(List.of("type", "value", "when"));
                yield new Parameter.Fixed(map.require("value").value());
            }
            default -> throw map.get("type").error("unknown distribution '" + type + "'; known: float, int, choice,"
                    + " fixed");
        };
    }
}
