package dev.nabla.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.ModelFile;
import dev.nabla.io.PyTorchWeights;
import dev.nabla.io.Safetensors;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.StateDictReport;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each architecture against torchvision (fixtures/zoo/generate_zoo.py): the parameter count and
 * every state_dict name and shape, in order, at 10 classes; the published counts at 1000
 * classes; and the logits of ResNet-18, DenseNet-121 and MobileNetV2 on one 64×64 image with
 * weights both sides compute from the same hash ({@link ZooWeights}).
 */
class ZooTest {

    private static final Map<String, Fixture> FIXTURES = readStateDicts();

    private record Fixture(long parameters, List<ZooWeights.Entry> entries) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn",
        "vgg19_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "densenet121", "densenet169",
        "densenet201", "mobilenet_v2"})
    void buildsTorchvisionsStateDict(String name) {
        Fixture expected = FIXTURES.get(name);
        Sequential model = Zoo.create(name, ZooOptions.of(10));
        assertEquals(expected.parameters(), model.parameterCount(), name + " parameters");
        List<String> actual = new ArrayList<>();
        model.stateDict().forEach((key, tensor) -> actual.add(key + " " + Arrays.toString(tensor.shape().toArray())));
        List<String> wanted = expected.entries().stream()
                .map(e -> e.name() + " " + Arrays.toString(e.shape())).toList();
        assertEquals(wanted, actual);
    }

    @Test
    void countsTorchvisionsPublishedParametersAtAThousandClasses() {
        assertEquals(11_689_512L, Zoo.resnet18(ZooOptions.imageNet()).parameterCount());
        assertEquals(25_557_032L, Zoo.resnet50(ZooOptions.imageNet()).parameterCount());
        assertEquals(7_978_856L, Zoo.densenet(121, ZooOptions.imageNet()).parameterCount());
        assertEquals(3_504_872L, Zoo.mobilenetV2(ZooOptions.imageNet()).parameterCount());
        assertEquals(61_100_840L, Zoo.alexnet(ZooOptions.imageNet()).parameterCount());
        assertEquals(138_357_544L, Zoo.vgg(16, false, ZooOptions.imageNet()).parameterCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "densenet121", "mobilenet_v2"})
    void givesTorchvisionsLogitsOnTheSameWeights(String name) {
        Sequential model = Zoo.create(name, ZooOptions.of(10));
        model.loadStateDict(ZooWeights.stateDict(FIXTURES.get(name).entries()), true);
        model.eval();
        Tensor image = Tensor.of(ZooWeights.uniform(100000, 3 * 64 * 64), 1, 3, 64, 64);
        float[] logits;
        try (Inference ignored = Inference.enter()) {
            logits = model.forward(image).toFloatArray();
        }
        float[] expected = readOutputs().get(name);
        double largest = 0;
        for (float v : expected) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], logits[i], 1e-4 * largest, name + " logit " + i);
        }
    }

    @Test
    void leNetHasTheClassicSixtyOneThousandParameters() {
        Sequential lenet = Zoo.lenet5(ZooOptions.of(10).inChannels(1).forSmallImages());
        assertEquals(61_706L, lenet.parameterCount());
        assertArrayEquals(new int[] {2, 10}, lenet.forward(Tensor.zeros(2, 1, 28, 28)).shape().toArray());
        assertArrayEquals(new int[] {2, 10},
                Zoo.lenet5(ZooOptions.of(10).inChannels(1)).forward(Tensor.zeros(2, 1, 32, 32)).shape().toArray());
    }

    @Test
    void smallImageVariantsKeepTorchvisionsNamesAndTake28By28() {
        ZooOptions grey = ZooOptions.of(10).inChannels(1).forSmallImages();
        for (String name : List.of("resnet18", "densenet121", "mobilenet_v2")) {
            Sequential model = Zoo.create(name, grey);
            model.eval();
            assertEquals(FIXTURES.get(name).entries().stream().map(ZooWeights.Entry::name).toList(),
                    List.copyOf(model.stateDict().keySet()), name);
            try (Inference ignored = Inference.enter()) {
                assertArrayEquals(new int[] {1, 10}, model.forward(Tensor.zeros(1, 1, 28, 28)).shape().toArray());
            }
        }
    }

    @Test
    void namesIgnoreCaseAndUnderscoresAndAnUnknownOneListsTheKnown() {
        assertEquals(Zoo.create("mobilenet_v2", ZooOptions.of(5)).parameterCount(),
                Zoo.create("MobileNetV2", ZooOptions.of(5)).parameterCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Zoo.create("resnet19", ZooOptions.of(10)));
        assertTrue(e.getMessage().contains("unknown architecture 'resnet19'"), e.getMessage());
        assertTrue(e.getMessage().contains("resnet18, resnet34"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZooOptions.of(0));
    }

    @Test
    void loadsACheckpointByNameAndNonStrictlyReportsExactlyTheKeysThatDiffer(@TempDir Path directory)
            throws IOException {
        Sequential source = Zoo.lenet5(ZooOptions.of(10).inChannels(1).forSmallImages());
        Path file = directory.resolve("lenet.safetensors");
        PyTorchWeights.save(source, file);
        Sequential same = Zoo.create("lenet5", ZooOptions.of(10).inChannels(1).forSmallImages(), file);
        assertArrayEquals(source.stateDict().get("fc3.weight").toFloatArray(),
                same.stateDict().get("fc3.weight").toFloatArray());

        Map<String, Tensor> edited = new LinkedHashMap<>(Safetensors.read(file).tensors());
        edited.remove("conv2.bias");
        edited.put("classifier.weight", Tensor.zeros(2, 84));
        Path changed = directory.resolve("changed.safetensors");
        Safetensors.write(changed, edited);
        Sequential fiveClasses = Zoo.lenet5(ZooOptions.of(5).inChannels(1).forSmallImages());
        float[] ownBias = fiveClasses.stateDict().get("conv2.bias").toFloatArray();
        StateDictReport report = PyTorchWeights.load(fiveClasses, changed, false);
        assertEquals(List.of("conv2.bias"), report.missingKeys());
        assertEquals(List.of("classifier.weight"), report.unexpectedKeys());
        assertEquals(List.of("fc3.weight: expected [5, 84], got [10, 84]", "fc3.bias: expected [5], got [10]"),
                report.shapeMismatches());
        assertArrayEquals(source.stateDict().get("fc1.weight").toFloatArray(),
                fiveClasses.stateDict().get("fc1.weight").toFloatArray());
        assertArrayEquals(ownBias, fiveClasses.stateDict().get("conv2.bias").toFloatArray());
        IllegalArgumentException strict = assertThrows(IllegalArgumentException.class,
                () -> Zoo.create("lenet5", ZooOptions.of(5).inChannels(1).forSmallImages(), changed));
        assertTrue(strict.getMessage().contains("missing keys [conv2.bias], unexpected keys [classifier.weight]"),
                strict.getMessage());
    }

    @Test
    void zooModelsSaveAsModelFilesAndLoadWithTheSameOutputs(@TempDir Path directory) throws IOException {
        for (String name : List.of("resnet18", "densenet121", "mobilenet_v2")) {
            Sequential model = Zoo.create(name, ZooOptions.of(4).inChannels(1).forSmallImages());
            model.eval();
            Path file = directory.resolve(name + ".nabla");
            ModelFile.save(file, model);
            Layer loaded = ModelFile.load(file).model();
            loaded.eval();
            Tensor x = Tensor.of(ZooWeights.uniform(7, 2 * 8 * 8), 2, 1, 8, 8);
            try (Inference ignored = Inference.enter()) {
                assertArrayEquals(model.forward(x).toFloatArray(), loaded.forward(x).toFloatArray(), 0f, name);
            }
        }
    }

    private static Map<String, Fixture> readStateDicts() {
        Map<String, Fixture> out = new LinkedHashMap<>();
        String current = null;
        long count = 0;
        List<ZooWeights.Entry> entries = null;
        for (String line : resource("state_dicts.txt").split("\n")) {
            String[] parts = line.split(" ");
            if (parts[0].equals("model")) {
                if (current != null) {
                    out.put(current, new Fixture(count, entries));
                }
                current = parts[1];
                count = Long.parseLong(parts[2]);
                entries = new ArrayList<>();
            } else {
                int[] shape = parts.length < 2 || parts[1].isEmpty() ? new int[0]
                        : Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray();
                entries.add(new ZooWeights.Entry(parts[0], shape));
            }
        }
        out.put(current, new Fixture(count, entries));
        return out;
    }

    private static Map<String, float[]> readOutputs() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String line : resource("outputs.txt").split("\n")) {
            String[] parts = line.split(" ");
            float[] values = new float[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                values[i - 1] = Float.parseFloat(parts[i]);
            }
            out.put(parts[0], values);
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = ZooTest.class.getResourceAsStream("/fixtures/zoo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture fixtures/zoo/" + name + "; run generate_zoo.py");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
