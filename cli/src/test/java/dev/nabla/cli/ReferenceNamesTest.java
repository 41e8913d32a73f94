package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.GenerativeSpec;
import dev.nabla.cli.experiment.Vocabulary;
import dev.nabla.generative.Gan;
import dev.nabla.io.LayerTypeDescription;
import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.CausalTransformerBlock;
import dev.nabla.nn.Graph;
import dev.nabla.nn.RecurrentLanguageModel;
import dev.nabla.nn.TimeDistributed;
import dev.nabla.nn.Seq2SeqTransformer;
import dev.nabla.nn.TokenAndPositionEmbedding;
import dev.nabla.nn.Transformer;
import dev.nabla.nn.TransformerDecoder;
import dev.nabla.nn.TransformerDecoderLayer;
import dev.nabla.nn.TransformerEncoder;
import dev.nabla.nn.TransformerEncoderLayer;
import dev.nabla.nn.TransformerLanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every name docs/reference.md lists is accepted by {@code nabla summary}, which reads an
 * experiment file as {@code nabla train} does and builds its model: each layer type under each
 * of its names, with its required arguments filled in and its other arguments at their listed
 * defaults, once by their names and once by their aliases; each activation, loss, metric,
 * optimizer (with every setting at its default), callback and schedule; each {@code model:
 * generative:} key, for the kinds it is listed for, and each optimizer for each network of a GAN.
 */
class ReferenceNamesTest {

    /**
     * Sample shapes tried in turn until the layer fits: images, sequences, vectors. The digits'
     * 64 pixels are reshaped to each before the layer (or, for one or four values, go through a
     * dense layer), since input_shape must be the data's.
     */
    private static final List<String> SAMPLE_SHAPES = List.of("[1, 8, 8]", "[1, 64]", "[64]", "[4, 4, 4]", "[4]", "[1]",
            "[8, 8]");
    private static final String TRANSFORMER = "d_model: 8, nhead: 2, dim_feedforward: 4";
    /**
     * Layer types whose required arguments no sample value can fill, with an entry that uses
     * them: a graph's arguments are a whole graph, as model files store it; a wrapper's, the layer it wraps.
     */
    private static final Map<Class<?>, String> WHOLE_EXAMPLES = Map.ofEntries(
            Map.entry(Graph.class, "inputs: [{name: x, shape: [4]}], layers: {d: {type: dense, units: 2}},"
                    + " nodes: [{layer: d, inputs: [0]}], outputs: [1]"),
            Map.entry(Bidirectional.class, "layer: {type: lstm, units: 2}, merge_mode: sum"),
            Map.entry(TimeDistributed.class, "layer: {type: dense, units: 2}"),
            // the blocks hold other layers' specs, each keeping the input's shape here
            Map.entry(dev.nabla.nn.Residual.class, "layers: [{type: relu}], shortcut: {type: tanh}, activation: relu"),
            Map.entry(dev.nabla.nn.DenseBlock.class, "layers: [{type: relu}]"),
            // the Transformer layers need d_model to be the features' size and divisible by nhead
            Map.entry(TransformerEncoderLayer.class, TRANSFORMER), Map.entry(TransformerDecoderLayer.class, TRANSFORMER),
            Map.entry(TransformerEncoder.class, TRANSFORMER + ", num_layers: 1"),
            Map.entry(TransformerDecoder.class, TRANSFORMER + ", num_layers: 1"),
            Map.entry(Transformer.class, TRANSFORMER + ", num_encoder_layers: 1, num_decoder_layers: 1"),
            Map.entry(CausalTransformerBlock.class, "d_model: 8, num_heads: 2, dim_feedforward: 4"),
            // token ids must be below the vocabulary's size and the sequence no longer than the positions
            Map.entry(TokenAndPositionEmbedding.class, "vocabulary_size: 2, sequence_length: 64, embedding_dim: 2"),
            // the same, for the source and the target (a graph gives it the flattened sample as both)
            Map.entry(Seq2SeqTransformer.class, TRANSFORMER + ", source_vocabulary_size: 2, target_vocabulary_size: 2,"
                    + " max_length: 64, num_encoder_layers: 1, num_decoder_layers: 1"),
            Map.entry(TransformerLanguageModel.class, "vocabulary_size: 2, context_length: 64, d_model: 4,"
                    + " num_heads: 2, num_layers: 1, dim_feedforward: 8, dropout: 0.1, positions: rotary,"
                    + " tie_weights: true"),
            Map.entry(RecurrentLanguageModel.class, "vocabulary_size: 2, embedding_dim: 2, units: 2, num_layers: 2,"
                    + " dropout: 0.1, cell: gru"));
    private static final String MODEL = "  input_shape: [1, 8, 8]\n"
            + "  sequential: [{type: flatten}, {type: dense, units: 2}]\n";

    @TempDir
    Path directory;

    @Test
    void everyLayerTypeIsAcceptedUnderEachNameWithItsArgumentsAndTheirAliases() throws IOException {
        for (Vocabulary.Entry layer : Vocabulary.layers()) {
            for (int i = 0; i < layer.names().size(); i++) {
                boolean aliases = i % 2 == 1;
                String arguments = WHOLE_EXAMPLES.containsKey(layer.implementation())
                        ? WHOLE_EXAMPLES.get(layer.implementation()) : flow(arguments(layer.arguments(), aliases));
                assertLayerAccepted("{type: " + layer.names().get(i) + (arguments.isEmpty() ? "" : ", " + arguments)
                        + "}");
            }
        }
    }

    private void assertLayerAccepted(String entry) throws IOException {
        List<String> attempts = new ArrayList<>();
        for (String shape : SAMPLE_SHAPES) {
            String reshape = shape.matches("\\[\\d]") ? "{type: flatten}, {type: dense, units: " + shape.charAt(1) + "}"
                    : "{type: reshape, shape: " + shape + "}";
            // layers of two inputs get the flattened sample twice, or (a decoder's target and memory) the sample
            for (String model : List.of("  sequential: [" + reshape + ", " + entry + "]\n", "  graph:\n    layers: ["
                    + reshape + ", {name: a, type: flatten}, " + entry.replace("{type:", "{inputs: [a, a], type:")
                    + "]\n", "  graph:\n    layers: [" + reshape.replace("{type: reshape", "{name: a, type: reshape")
                    + ", " + entry.replace("{type:", "{inputs: [a, a], type:") + "]\n")) {
                Run run = summary(model, "loss: mse");
                if (run.exitCode() == 0) {
                    return;
                }
                attempts.add(shape + ": " + run.err().strip());
            }
        }
        fail(entry + " is refused for every sample shape:\n" + String.join("\n", attempts));
    }

    @Test
    void everyActivationIsAccepted() throws IOException {
        for (Vocabulary.Activation activation : Vocabulary.activations()) {
            for (String name : activation.names()) {
                assertAccepted(MODEL.replace("units: 2", "units: 2, activation: " + name), "loss: mse");
            }
        }
    }

    @Test
    void everyLossAndMetricIsAcceptedUnderEachNameAndItsClassName() throws IOException {
        for (Vocabulary.Entry loss : Vocabulary.losses()) {
            for (String name : namesAndClassName(loss)) {
                assertAccepted(MODEL, "loss: " + name);
            }
            assertAccepted(MODEL, "loss: {name: " + loss.names().get(0) + ", "
                    + flow(arguments(loss.arguments(), false)) + "}");
        }
        for (Vocabulary.Entry metric : Vocabulary.metrics()) {
            for (String name : namesAndClassName(metric)) {
                assertAccepted(MODEL, "loss: mse\n  metrics: [" + name + "]");
            }
            for (LayerTypeDescription.Argument setting : metric.arguments()) {
                for (String choice : setting.choices()) {
                    assertAccepted(MODEL, "loss: mse\n  metrics: [{name: " + metric.names().get(0) + ", "
                            + setting.name() + ": " + choice + "}]");
                }
            }
        }
    }

    @Test
    void everyOptimizerIsAcceptedByNameAndWithEverySettingAtItsDefault() throws IOException {
        for (Vocabulary.Entry optimizer : Vocabulary.optimizers()) {
            assertAccepted(MODEL, "loss: mse\n  optimizer: " + optimizer.names().get(0));
            assertAccepted(MODEL, "loss: mse\n  optimizer: {name: " + optimizer.names().get(0) + ", "
                    + flow(arguments(optimizer.arguments(), false)) + "}");
        }
    }

    @Test
    void everyCallbackAndScheduleIsAcceptedWithItsSettings() throws IOException {
        List<String> scheduleNames = Vocabulary.schedules().stream().map(s -> s.names().get(0)).toList();
        for (Vocabulary.Entry callback : Vocabulary.callbacks()) {
            for (String name : callback.names()) {
                Map<String, Object> settings = arguments(callback.arguments(), false);
                // a setting naming a schedule takes the schedule's settings beside it
                String scheduleKey = callback.arguments().stream().filter(a -> a.choices().equals(scheduleNames))
                        .map(LayerTypeDescription.Argument::name).findFirst().orElse(null);
                if (scheduleKey == null) {
                    assertAccepted(MODEL, callbacks(name, settings));
                    continue;
                }
                for (Vocabulary.Entry schedule : Vocabulary.schedules()) {
                    Map<String, Object> withSchedule = new LinkedHashMap<>(settings);
                    withSchedule.put(scheduleKey, schedule.names().get(0));
                    withSchedule.putAll(arguments(schedule.arguments(), false));
                    assertAccepted(MODEL, callbacks(name, withSchedule));
                }
            }
        }
    }

    @Test
    void everyGenerativeKeyIsListedForSomeKindAndAcceptedAtItsDefaultForEachKindItIsListedFor() {
        Map<String, Map<String, Object>> defaults = ReferenceMarkdown.generativeDefaults();
        Set<String> listed = new TreeSet<>();
        defaults.values().forEach(keys -> listed.addAll(keys.keySet()));
        assertEquals(new TreeSet<>(GenerativeSpec.KEYS), listed, "every key of GenerativeSpec.KEYS must be in"
                + " GenerativeSpec.resolved() for the kinds it applies to, which the reference lists it for");
        for (Map.Entry<String, Map<String, Object>> kind : defaults.entrySet()) {
            Map<String, Object> given = new LinkedHashMap<>(kind.getValue());
            if (given.containsKey("anomaly_class")) {
                given.put("anomaly_class", 8);   // listed with no default: none held out
            }
            Map<String, Object> resolved = generative("{" + flow(given) + "}", "{epochs: 1}");
            given.keySet().forEach(key -> assertEquals(String.valueOf(given.get(key)),
                    String.valueOf(resolved.get(key)), kind.getKey() + " " + key));
        }
    }

    @Test
    void everyOptimizerIsAcceptedForEachNetworkOfAGanByName() {
        for (String kind : List.of("gan", "wgan-gp")) {
            for (Vocabulary.Entry optimizer : Vocabulary.optimizers()) {
                String name = optimizer.names().get(0);
                String settings = flow(arguments(optimizer.arguments(), false));
                generative("{kind: " + kind + "}", "{optimizer: {" + Gan.GENERATOR + ": {name: " + name + ", "
                        + settings + "}, " + Gan.DISCRIMINATOR + ": " + name + "}}");
            }
        }
    }

    /** The resolved {@code generative} section of a Fashion-MNIST experiment with this section and training. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> generative(String section, String training) {
        String text = "data: {name: fashion-mnist}\nmodel:\n  generative: " + section + "\ntraining: " + training
                + "\n";
        Experiment experiment;
        try {
            experiment = Experiment.parse(YamlFile.parse(text, "experiment.yaml"), Path.of("runs", "x"),
                    Experiment.Overrides.NONE);
        } catch (ConfigException e) {
            throw new AssertionError(text + e.getMessage(), e);
        }
        Map<String, Object> model = (Map<String, Object>) experiment.resolved(new int[] {1, 28, 28}).get("model");
        return (Map<String, Object>) model.get("generative");
    }

    private static String callbacks(String type, Map<String, Object> settings) {
        String rest = flow(settings);
        return "loss: mse\n  callbacks: [{type: " + type + (rest.isEmpty() ? "" : ", " + rest) + "}]";
    }

    private static List<String> namesAndClassName(Vocabulary.Entry entry) {
        List<String> names = new ArrayList<>(entry.names());
        names.add(entry.implementation().getSimpleName());
        return names;
    }

    /**
     * The required arguments with a sample value and the others at their default (those with
     * none, or another's, left out), under their names or their first alias.
     */
    private static Map<String, Object> arguments(List<LayerTypeDescription.Argument> arguments, boolean aliases) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LayerTypeDescription.Argument argument : arguments) {
            Object value = argument.required() ? sample(argument) : argument.defaultValue();
            if (value != null) {
                out.put(aliases && !argument.aliases().isEmpty() ? argument.aliases().get(0) : argument.name(), value);
            }
        }
        return out;
    }

    private static Object sample(LayerTypeDescription.Argument argument) {
        if (!argument.choices().isEmpty()) {
            return argument.choices().get(0);
        }
        Function<String, Object> byKind = kind -> switch (kind) {
            case "a number" -> 0.5;
            case "true or false" -> true;
            case "a list of integers" -> List.of(1);
            case "a list of strings" -> List.of("layer");
            default -> kind.startsWith("an integer") ? (Object) 1 : null;
        };
        Object value = byKind.apply(argument.kind());
        if (value == null) {
            fail("no sample value for '" + argument.name() + "', " + argument.kind() + ": add one to sample(), or the"
                    + " layer type to WHOLE_EXAMPLES with the reason");
        }
        return value;
    }

    private static String flow(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + ": " + ReferenceMarkdown.yaml(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void assertAccepted(String model, String training) throws IOException {
        Run run = summary(model, training);
        assertEquals(0, run.exitCode(), "model:\n" + model + "training:\n  " + training + "\n" + run.err());
    }

    private Run summary(String model, String training) throws IOException {
        Path file = directory.resolve("experiment.yaml");
        Files.writeString(file, "data: digits\nmodel:\n" + model + "training:\n  " + training + "\n");
        return Run.nabla("summary", file.toString());
    }
}
