package dev.nabla.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.cli.config.YamlFile;
import dev.nabla.io.PyTorchWeights;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.zoo.Transfer;
import dev.nabla.zoo.Zoo;
import dev.nabla.zoo.ZooOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooModelSpecTest {

    @TempDir
    Path directory;

    private Experiment read(String model) throws IOException {
        Path file = directory.resolve("zoo.yaml");
        Files.writeString(file, "data: digits\nmodel:\n" + model + """
                training:
                  loss: {name: sparse_categorical_crossentropy, from_logits: true}
                  epochs: 1
                  batch_size: 64
                """);
        return Experiment.read(file, new Experiment.Overrides(null, directory.resolve("run"), null));
    }

    @Test
    void buildsAZooModelWithItsWeightsANewHeadAndFrozenLayers() throws IOException {
        Sequential pretrained = Zoo.cifarResnet(8, ZooOptions.of(10).inChannels(1));
        PyTorchWeights.save(pretrained, directory.resolve("resnet8.safetensors"));
        Experiment experiment = read("""
                  zoo: resnet8
                  num_classes: 10
                  weights: resnet8.safetensors
                  head: [{type: dense, units: 32, activation: relu}, {type: dense, units: 10}]
                  freeze_up_to: layer2
                """);
        Layer model = experiment.model().build(experiment.sampleShape());
        assertEquals(List.of("conv1", "bn1", "relu", "layer1", "layer2", "layer3", "avgpool", "flatten", "head"),
                List.copyOf(model.children().keySet()));
        assertArrayEquals(pretrained.stateDict().get("layer3.0.conv1.weight").toFloatArray(),
                model.stateDict().get("layer3.0.conv1.weight").toFloatArray());
        assertFalse(Transfer.layer(model, "layer2").isTrainable());
        assertTrue(Transfer.layer(model, "layer3").isTrainable());
        assertEquals(List.of(10, 32), List.of(model.stateDict().get("head.2.weight").shape().dim(0),
                model.stateDict().get("head.0.weight").shape().dim(0)));
        StringWriter printed = new StringWriter();
        ExperimentRun.run(experiment, new PrintWriter(printed));
        assertArrayEquals(pretrained.stateDict().get("layer1.0.bn1.running_mean").toFloatArray(),
                Transfer.layer(model, "layer1").stateDict().get("0.bn1.running_mean").toFloatArray());
    }

    @Test
    void theRecipesOfThePretrainedWeightsBuild() throws IOException {
        for (String name : List.of("resnet8", "lenet5")) {
            Path file = Path.of("..", "examples", "pretrained", name + "-fashion-mnist.yaml");
            Experiment experiment = Experiment.read(file, Experiment.Overrides.NONE);
            Layer model = experiment.model().build(new int[] {1, 28, 28});
            assertEquals(Zoo.create(name, ZooOptions.of(10).inChannels(1).forSmallImages()).parameterCount(),
                    model.parameterCount());
        }
        Experiment pretrained = read("  zoo: lenet5\n  num_classes: 10\n  pretrained: fashion-mnist\n");
        assertEquals(61_706L, pretrained.model().build(new int[] {1, 28, 28}).parameterCount());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> read("  zoo: resnet18\n  pretrained: fashion-mnist\n"));
        assertTrue(unknown.getMessage().contains("Nabla ships no weights 'resnet18-fashion-mnist'"), unknown.getMessage());
    }

    @Test
    void mistakesAreReportedAtTheirLine() throws IOException {
        ConfigException unknown = assertThrows(ConfigException.class, () -> read("  zoo: resnet19\n"));
        assertTrue(unknown.getMessage().contains("zoo.yaml:3: model.zoo: unknown architecture 'resnet19'; the zoo has"
                + " lenet5, alexnet"), unknown.getMessage());
        Experiment badFreeze = read("  zoo: resnet8\n  num_classes: 10\n  freeze: [layer9]\n");
        ConfigException freeze = assertThrows(ConfigException.class,
                () -> badFreeze.model().build(badFreeze.sampleShape()));
        assertTrue(freeze.getMessage().contains("zoo.yaml:5: model.freeze[0]: ")
                && freeze.getMessage().contains("no child 'layer9'"), freeze.getMessage());
        Experiment missing = read("  zoo: resnet8\n  weights: none.safetensors\n");
        ConfigException weights = assertThrows(ConfigException.class,
                () -> missing.model().build(missing.sampleShape()));
        assertTrue(weights.getMessage().contains("cannot load the weights"), weights.getMessage());
        ConfigException both = assertThrows(ConfigException.class,
                () -> read("  zoo: resnet8\n  sequential: [{type: flatten}]\n"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        ConfigException stray = assertThrows(ConfigException.class,
                () -> read("  freeze: [a]\n  sequential: [{type: flatten}]\n"));
        assertTrue(stray.getMessage().contains("'freeze' goes with 'zoo"), stray.getMessage());
    }
}
