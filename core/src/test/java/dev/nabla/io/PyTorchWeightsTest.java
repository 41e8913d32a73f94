package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.fixtures.TorchFixture;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Layer;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchWeightsTest {

    @TempDir
    Path directory;

    /** The Nabla twin of the fixture's nn.Sequential(Conv2d(1,4,3,padding=1), ReLU, MaxPool2d(2), Flatten, Linear(64,10)). */
    private static Sequential convolutionModel(int classes) {
        return new Sequential(new Conv2d(Conv2d.Config.of(4, 3).inChannels(1).options(ConvolutionOptions.defaults()
                .padding(1))), new Relu(),
                new MaxPool2d(2), new Flatten(), Dense.linear(64, classes));
    }

    @Test
    void loadsAPyTorchStateDictAndReproducesPyTorchsOutput() throws IOException {
        Sequential model = convolutionModel(10);
        PyTorchWeights.load(model, TorchFixture.path("safetensors/sequential_state"));

        SafetensorsFile reference = Safetensors.read(TorchFixture.path("safetensors/sequential_io"));
        Tensor output = model.forward(reference.tensors().get("input"));
        TorchFixture.assertClose(reference.tensors().get("output"), output, TorchFixture.FORWARD_RELATIVE,
                TorchFixture.FORWARD_ABSOLUTE, "output of the loaded model");
        assertEquals("generate_safetensors.py", reference.metadata().get("generator"));
    }

    @Test
    void aLayerOfTheWrongSizeFailsNamingTheKeysAndBothShapes() {
        Path file = TorchFixture.path("safetensors/sequential_state");
        var e = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(convolutionModel(12), file));
        assertEquals(file + ": Sequential: state dict does not match: missing keys [], unexpected keys [],"
                + " shape mismatches [4.weight: expected [12, 64], got [10, 64], 4.bias: expected [12], got [10]]",
                e.getMessage());
    }

    @Test
    void missingAndUnexpectedLayersAreNamed() {
        Path file = TorchFixture.path("safetensors/sequential_state");
        Sequential withoutDense = new Sequential(new Conv2d(Conv2d.Config.of(4, 3).inChannels(1)
                .options(ConvolutionOptions.defaults().padding(1))),
                new Relu(), new MaxPool2d(2), new Flatten(), new Relu(), Dense.linear(64, 10), Dense.linear(10, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(withoutDense, file));
        assertEquals(file + ": Sequential: state dict does not match: missing keys [5.weight, 5.bias, 6.weight,"
                + " 6.bias], unexpected keys [4.bias, 4.weight], shape mismatches []", e.getMessage());
    }

    @Test
    void aModelThatIsNotBuiltYetIsRefusedWithAdvice() {
        Sequential lazy = new Sequential(new Conv2d(4, 3), new Flatten(), new Dense(10));
        var e = assertThrows(IllegalStateException.class,
                () -> PyTorchWeights.load(lazy, TorchFixture.path("safetensors/sequential_state")));
        assertTrue(e.getMessage().contains("cannot load a state dict before every layer is built"), e.getMessage());
    }

    @Test
    void savesTheSameNamesShapesAndValuesPyTorchSaved() throws IOException {
        Sequential model = convolutionModel(10);
        PyTorchWeights.load(model, TorchFixture.path("safetensors/sequential_state"));
        Path saved = directory.resolve("model.safetensors");
        PyTorchWeights.save(model, saved);

        SafetensorsFile ours = Safetensors.read(saved);
        Map<String, Tensor> theirs = Safetensors.read(TorchFixture.path("safetensors/sequential_state")).tensors();
        assertEquals(List.of("0.weight", "0.bias", "4.weight", "4.bias"), List.copyOf(ours.tensors().keySet()));
        assertEquals(theirs.keySet(), ours.tensors().keySet());
        theirs.forEach((name, tensor) -> {
            assertEquals(tensor.shape(), ours.tensors().get(name).shape(), name);
            assertArrayEquals(tensor.toFloatArray(), ours.tensors().get(name).toFloatArray(), name);
        });
        assertEquals(Map.of("format", "pt"), ours.metadata());
    }

    /** A layer with batch-norm-like buffers, with or without PyTorch's num_batches_tracked. */
    static class RunningStatistics extends Layer {
        RunningStatistics(boolean tracksBatches) {
            addBuffer("running_mean", Tensor.zeros(2));
            addBuffer("running_var", Tensor.ones(2));
            if (tracksBatches) {
                addBuffer("num_batches_tracked", Tensor.scalar(0f));
            }
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.sub(buffer("running_mean")).div(buffer("running_var").sqrt());
        }
    }

    private Path batchNormFile() throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("bn.running_mean", Tensor.of(0.5f, -1f));
        state.put("bn.running_var", Tensor.of(4f, 9f));
        state.put("bn.num_batches_tracked", Safetensors.integerTensor(Tensor.scalar(7f)));
        Path file = directory.resolve("bn.safetensors");
        Safetensors.write(file, state);
        return file;
    }

    /** A model holding one RunningStatistics child named bn, as PyTorch would name it. */
    static class Normalized extends Layer {
        final RunningStatistics bn;

        Normalized(boolean tracksBatches) {
            bn = addChild("bn", new RunningStatistics(tracksBatches));
        }

        @Override
        public Tensor forward(Tensor input) {
            return bn.forward(input);
        }
    }

    @Test
    void skipsNumBatchesTrackedOnlyWhenTheModelLacksIt() throws IOException {
        Path file = batchNormFile();
        Normalized without = new Normalized(false);
        PyTorchWeights.load(without, file);
        assertArrayEquals(new float[] {0.5f, -1f}, without.stateDict().get("bn.running_mean").toFloatArray());
        assertEquals(List.of("bn.running_mean", "bn.running_var"), List.copyOf(without.stateDict().keySet()));

        Normalized with = new Normalized(true);
        PyTorchWeights.load(with, file);
        assertEquals(7f, with.stateDict().get("bn.num_batches_tracked").item());
    }

    @Test
    void savesNumBatchesTrackedAsInt64AsPyTorchDoes() throws IOException {
        Normalized model = new Normalized(true);
        PyTorchWeights.load(model, batchNormFile());
        Path saved = directory.resolve("saved.safetensors");
        PyTorchWeights.save(model, saved);
        String header = new String(Files.readAllBytes(saved), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[]"), header);
        assertTrue(header.contains("\"bn.running_mean\":{\"dtype\":\"F32\",\"shape\":[2]"), header);
        assertEquals(DType.INT32, Safetensors.read(saved).tensors().get("bn.num_batches_tracked").dtype());
    }

    /** A dense layer that keeps its weight as Keras does, [in, out]: PyTorch's layout needs converting. */
    static class KernelDense extends Layer {
        KernelDense(int in, int out) {
            addParameter("kernel", Tensor.zeros(in, out));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.matmul(stateDict().get("kernel"));
        }
    }

    /** PyTorch's Linear weight [out, in] is the transposed kernel. */
    static final StateDictConverter KERNEL_CONVERTER = new StateDictConverter() {
        @Override
        public Map<String, Tensor> fromPyTorch(Map<String, Tensor> pyTorchState) {
            return Map.of("kernel", pyTorchState.get("weight").transpose(0, 1).contiguous());
        }

        @Override
        public Map<String, Tensor> toPyTorch(Map<String, Tensor> nablaState) {
            return Map.of("weight", nablaState.get("kernel").transpose(0, 1).contiguous());
        }
    };

    @Test
    void aConverterTranslatesALayersLayoutBothWays() throws IOException {
        Map<String, Tensor> pyTorch = new LinkedHashMap<>();
        pyTorch.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        pyTorch.put("0.bias", Tensor.of(0.5f, -0.5f));
        pyTorch.put("1.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        Path file = directory.resolve("linear.safetensors");
        Safetensors.write(file, pyTorch);
        Map<Class<? extends Layer>, StateDictConverter> converters = Map.of(KernelDense.class, KERNEL_CONVERTER);

        Sequential model = new Sequential(Dense.linear(3, 2), new KernelDense(2, 3));
        PyTorchWeights.load(model, file, converters);
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, model.stateDict().get("1.kernel").toFloatArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, model.stateDict().get("0.weight").toFloatArray());

        Path saved = directory.resolve("saved.safetensors");
        PyTorchWeights.save(model, saved, converters);
        Map<String, Tensor> written = Safetensors.read(saved).tensors();
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(written.keySet()));
        assertArrayEquals(pyTorch.get("1.weight").toFloatArray(), written.get("1.weight").toFloatArray());

        var e = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(model, file));
        assertTrue(e.getMessage().contains("missing keys [1.kernel], unexpected keys [1.weight]"), e.getMessage());
    }
}
