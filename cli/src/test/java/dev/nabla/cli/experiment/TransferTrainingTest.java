package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.zoo.Pretrained;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer-group learning rates and gradual unfreezing, from an experiment file. */
class TransferTrainingTest {

    private static final String MODEL = """
            model:
              zoo: resnet8
              num_classes: 10
              pretrained: fashion-mnist
              head: [{type: dense, units: 10}]
              freeze_up_to: layer1
            """;

    @TempDir
    Path directory;

    private Experiment read(String training) throws IOException {
        Path file = directory.resolve("transfer.yaml");
        Files.writeString(file, "data: digits\n" + MODEL + "training:\n"
                + "  loss: {name: sparse_categorical_crossentropy, from_logits: true}\n  batch_size: 128\n" + training);
        return Experiment.read(file, new Experiment.Overrides(null, directory.resolve("run"), null));
    }

    @Test
    void groupsGiveNamedLayersTheirOwnLearningRateAndWeightDecay() throws IOException {
        Experiment experiment = read("""
                  optimizer:
                    name: adam
                    learning_rate: 0.01
                    groups:
                      - {layers: [layer2, layer3.0.conv1], learning_rate: 0.001, weight_decay: 0.0005}
                      - {layers: bn1, learning_rate: 0.0001}
                """);
        Layer network = experiment.model().build(experiment.sampleShape());
        Optimizer optimizer = experiment.training().optimizer().factory(network).apply(network.parameters());
        assertTrue(optimizer instanceof Adam);
        assertEquals(3, optimizer.groups().size());
        assertEquals(List.of(0.001f, 0.0001f, 0.01f), optimizer.groups().stream().map(g -> g.learningRate()).toList());
        assertEquals(List.of(0.0005f, 0f, 0f), optimizer.groups().stream().map(g -> g.weightDecay()).toList());
        int inFirst = network.children().get("layer2").parameters().size() + 1;
        assertEquals(inFirst, optimizer.groups().get(0).parameters().size());
        assertEquals(network.parameters().size(), optimizer.parameters().size());
        assertEquals(List.of(Map.of("layers", List.of("layer2", "layer3.0.conv1"), "learning_rate", 0.001,
                "weight_decay", 5.0E-4), Map.of("layers", List.of("bn1"), "learning_rate", 1.0E-4)),
                experiment.training().optimizer().resolved().get("groups"));
    }

    @Test
    void aGroupOfAnUnknownOrRepeatedLayerIsRefusedAtItsLine() throws IOException {
        Experiment unknown = read("  optimizer: {name: sgd, groups: [{layers: [layer9]}]}\n");
        Layer network = unknown.model().build(unknown.sampleShape());
        ConfigException e = assertThrows(ConfigException.class,
                () -> unknown.training().optimizer().factory(network).apply(network.parameters()));
        assertTrue(e.getMessage().contains("transfer.yaml:11: training.optimizer.groups[0].layers[0]: ")
                && e.getMessage().contains("no child 'layer9'"), e.getMessage());
        Experiment twice = read("  optimizer: {name: sgd, groups: [{layers: [layer2]}, {layers: [layer2.0]}]}\n");
        ConfigException repeated = assertThrows(ConfigException.class,
                () -> twice.training().optimizer().factory(network).apply(network.parameters()));
        assertTrue(repeated.getMessage().contains("already in the group of 'layer2'"), repeated.getMessage());
        ConfigException negative = assertThrows(ConfigException.class,
                () -> read("  optimizer: {name: sgd, groups: [{layers: [layer2], learning_rate: -1}]}\n"));
        assertTrue(negative.getMessage().contains("must be at least 0"), negative.getMessage());
    }

    @Test
    void gradualUnfreezingTrainsTheStagesOneAtATimeFromTheHeadDown() throws IOException {
        Experiment experiment = read("""
                  epochs: 2
                  optimizer: {name: adam, groups: [{layers: [layer2, layer3], learning_rate: 0.0001}]}
                  callbacks:
                    - {type: gradual_unfreezing, layers: [layer3, layer2], epochs_per_stage: 1}
                """);
        ExperimentRun.run(experiment, new PrintWriter(new StringWriter()));
        Map<String, dev.nabla.tensor.Tensor> trained = ModelFile.load(directory.resolve("run/last.nabla")).model()
                .stateDict();
        Map<String, dev.nabla.tensor.Tensor> pretrained = Pretrained.load("resnet8-fashion-mnist").stateDict();
        for (String frozen : List.of("conv1.weight", "layer1.0.conv1.weight", "layer1.0.bn1.running_mean",
                "layer2.0.conv1.weight", "layer2.0.bn2.running_var")) {
            assertArrayEquals(pretrained.get(frozen).toFloatArray(), trained.get(frozen).toFloatArray(), frozen);
        }
        assertFalse(Arrays.equals(pretrained.get("layer3.0.conv1.weight").toFloatArray(),
                trained.get("layer3.0.conv1.weight").toFloatArray()), "layer3 trains from epoch 1 on");
        ConfigException empty = assertThrows(ConfigException.class,
                () -> read("  callbacks: [{type: gradual_unfreezing, layers: []}]\n"));
        assertTrue(empty.getMessage().contains("give at least one stage"), empty.getMessage());
    }
}
