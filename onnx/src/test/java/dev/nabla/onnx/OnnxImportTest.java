package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.loss.CategoricalCrossEntropy;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Sequential;
import dev.nabla.onnx.proto.OnnxProtos.GraphProto;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.onnx.proto.OnnxProtos.OperatorSetIdProto;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxImportTest {

    @TempDir
    Path folder;

    private final Generator generator = new Generator(11);

    private Layer convolutional() {
        Layer model = new Sequential(new Conv2d(4, 3), new BatchNorm2d(), new Relu(), new AvgPool2d(2), new Flatten(),
                new Dense(3));
        model.forward(Tensor.randn(generator, 8, 1, 8, 8));   // a training step moves the running statistics
        return model;
    }

    @Test
    void anExportedModelLoadsAndComputesTheSameOutputs() throws Exception {
        Layer original = convolutional();
        Path file = folder.resolve("cnn.onnx");
        Onnx.export(original, new int[] {1, 8, 8}, file);
        OnnxModel imported = Onnx.load(file);
        assertEquals(List.of("input"), imported.inputNames());
        assertEquals(List.of("output"), imported.outputNames());
        Tensor x = Tensor.randn(generator, 5, 1, 8, 8);
        try (Inference ignored = Inference.enter()) {
            double difference = OnnxRuntimeCheck.relativeDifference(original.forward(x), imported.forward(x));
            assertTrue(difference < 1e-5, "relative difference " + difference);
        }
    }

    @Test
    void importThenExportGivesOnnxRuntimeTheOriginalOutputs() throws Exception {
        Path first = folder.resolve("first.onnx");
        Onnx.export(convolutional(), new int[] {1, 8, 8}, first);
        OnnxModel imported = Onnx.load(first);
        Path second = folder.resolve("second.onnx");
        Onnx.export(imported, null, second);
        for (int batch : new int[] {1, 7}) {
            Tensor x = Tensor.randn(generator, batch, 1, 8, 8);
            Tensor original = OnnxRuntimeCheck.run(first, Map.of("input", x)).get(0);
            Tensor again = OnnxRuntimeCheck.run(second, Map.of("input", x)).get(0);
            assertTrue(OnnxRuntimeCheck.relativeDifference(original, again) < 1e-6);
        }
    }

    @Test
    void aModelFromPyTorchRoundTrips() throws Exception {
        Path suiteModel = ConformanceSuite.folder().resolveSibling("pytorch-converted").resolve("test_Conv2d")
                .resolve("model.onnx");
        OnnxModel imported = Onnx.load(suiteModel);
        Path exported = folder.resolve("conv.onnx");
        Onnx.export(imported, null, exported);
        int[] dims = imported.inputShape(0);   // PyTorch's export fixed the batch size
        Tensor x = Tensor.randn(generator, dims);
        Tensor expected = OnnxRuntimeCheck.run(suiteModel, Map.of(imported.inputNames().get(0), x)).get(0);
        Tensor actual = OnnxRuntimeCheck.run(exported, Map.of(imported.inputNames().get(0), x)).get(0);
        assertTrue(OnnxRuntimeCheck.relativeDifference(expected, actual) < 1e-6);
        try (Inference ignored = Inference.enter()) {
            assertTrue(OnnxRuntimeCheck.relativeDifference(expected, imported.forward(x)) < 1e-5);
        }
    }

    @Test
    void fineTuningAnImportedModelLowersItsLoss() throws Exception {
        Path file = folder.resolve("mlp.onnx");
        Onnx.export(new Sequential(new Dense(16), new Relu(), new Dense(3)), new int[] {4}, file);
        OnnxModel model = Onnx.load(file);
        assertEquals(4, model.trainableParameters().size());
        Tensor x = Tensor.randn(generator, 32, 4);
        Tensor labels = x.sum(1, true).gt(0f).mul(2f).oneHot(3).reshape(32, 3);
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy().fromLogits(true);
        Adam optimizer = new Adam(model.trainableParameters(), 0.05f);
        float first = 0;
        float last = 0;
        for (int step = 0; step < 30; step++) {
            Tensor value = loss.apply(model.forward(x), labels);
            if (step == 0) {
                first = value.item();
            }
            last = value.item();
            optimizer.zeroGrad();
            value.backward();
            optimizer.step();
        }
        assertTrue(last < first * 0.5f, "loss " + first + " -> " + last);
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsNode() throws Exception {
        ModelProto proto = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("Einsum")
                        .setName("mixer").addInput("x").addOutput("y"))).build();
        Path file = folder.resolve("einsum.onnx");
        Files.write(file, proto.toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.load(file));
        assertTrue(e.getMessage().contains("node 'mixer' (Einsum)") && e.getMessage().contains("does not support"),
                e.getMessage());
    }
}
