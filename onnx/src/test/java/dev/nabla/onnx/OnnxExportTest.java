package dev.nabla.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Elu;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.Gru;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.SimpleRnn;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Prelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.ZeroPadding2d;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExportTest {

    @TempDir
    Path folder;

    private final Generator generator = new Generator(7);

    private void check(Layer model, int... sampleShape) throws Exception {
        OnnxRuntimeCheck.assertSameOutputs(model, sampleShape, folder.resolve("model.onnx"), generator);
    }

    @Test
    void multilayerPerceptron() throws Exception {
        check(new Sequential(new Flatten(), new Dense(32, ActivationFunction.RELU), new Dropout(0.5f),
                new Dense(10), new Softmax()), 1, 6, 6);
    }

    @Test
    void convolutionalNetwork() throws Exception {
        check(new Sequential(new Conv2d(Conv2d.Config.of(4, 3).options(ConvolutionOptions.defaults().paddingSame())
                .activation(ActivationFunction.RELU)), new MaxPool2d(2), new Conv2d(6, 3), new BatchNorm2d(),
                new Relu(), new AvgPool2d(2), new Flatten(), new Dense(5), new LogSoftmax()), 2, 12, 12);
    }

    @Test
    void residualGraph() throws Exception {
        GraphNode image = GraphNode.input("image", 3, 8, 8);
        GraphNode stem = new Relu().apply(new BatchNorm2d().apply(new Conv2d(Conv2d.Config.of(4, 3)
                .options(ConvolutionOptions.defaults().padding(1))).apply(image)));
        GraphNode branch = new BatchNorm2d().apply(new Conv2d(Conv2d.Config.of(4, 3)
                .options(ConvolutionOptions.defaults().paddingSame())).apply(stem));
        GraphNode sum = new Relu().apply(new Add().apply(stem, branch));
        GraphNode dense = new Concatenate(1).apply(sum, new Conv2d(2, 1).apply(sum));
        GraphNode out = new Dense(3).named("probabilities").apply(new GlobalAvgPool().apply(dense));
        Graph model = new Graph(image, out);
        Path file = folder.resolve("graph.onnx");
        Onnx.export(model, null, file);
        for (int batch : new int[] {1, 7}) {
            OnnxRuntimeCheck.compare(model, Map.of("image", Tensor.randn(generator, batch, 3, 8, 8)), file);
        }
    }

    @Test
    void everyActivation() throws Exception {
        check(new Sequential(new Dense(8), new Gelu(), new Dense(8), new Gelu(true), new Silu(), new Elu(0.5f),
                new LeakyRelu(0.1f), new Softplus(2f, 3f), new Tanh(), new Sigmoid(), new Prelu(), new Dense(4,
                ActivationFunction.GELU), new Dense(4, ActivationFunction.SOFTPLUS)), 5);
    }

    @Test
    void sequencesThroughNormsAndShapes() throws Exception {
        check(new Sequential(new Dense(6), new LayerNorm(), new Permute(2, 1), new Conv1d(4, 3), new BatchNorm1d(),
                new MaxPool1d(2), new AvgPool1d(1), new Reshape(-1), new Dense(3)), 10, 5);
    }

    @Test
    void embeddingsGatherRows() throws Exception {
        Sequential model = new Sequential(new Embedding(20, 4), new Flatten(), new Dense(2));
        Path file = folder.resolve("embedding.onnx");
        Onnx.export(model, new int[] {5}, file);
        Tensor tokens = Tensor.randint(generator, 0, 20, 7, 5);
        OnnxRuntimeCheck.compare(model, Map.of("input", tokens), file);
    }

    @Test
    void paddingTransposedConvolutionAndAdaptivePooling() throws Exception {
        check(new Sequential(new ZeroPadding2d(1), new ConvTranspose2d(ConvTranspose2d.Config.of(3, 3)
                .options(ConvolutionOptions.defaults().stride(2).outputPadding(1))), new AdaptiveAvgPool2d(2),
                new GlobalMaxPool()), 2, 4, 4);
    }

    @Test
    void recurrentLayersBecomeOnnxRecurrentOperators() throws Exception {
        check(new Sequential(new Lstm(5).returnSequences(true).numLayers(2), new Gru(4).bidirectional(true),
                new Dense(2)), 6, 3);
        check(new Sequential(new SimpleRnn(4).returnSequences(true).bidirectional(true), new SimpleRnn(3, "relu"),
                new Dense(2)), 5, 3);
    }

    @Test
    void recurrentStatesAreOutputsToo() throws Exception {
        GraphNode steps = GraphNode.input("steps", 4, 3);
        GraphNode sequence = new Lstm(5).returnSequences(true).returnState(true).numLayers(2).apply(steps);
        Graph model = new Graph(List.of(steps), List.of(sequence, sequence.output(1), sequence.output(2)));
        Path file = folder.resolve("states.onnx");
        Onnx.export(model, null, file);
        OnnxRuntimeCheck.compare(model, Map.of("steps", Tensor.randn(generator, 7, 4, 3)), file);
    }

    @Test
    void aLayerWithoutOnnxFormIsNamed() {
        Sequential model = new Sequential(new Dense(4), new Squaring());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Onnx.export(model, new int[] {2, 4}, folder.resolve("x.onnx")));
        assertTrue(e.getMessage().contains("layer '1'") && e.getMessage().contains("Squaring"), e.getMessage());
    }

    /** A layer no exporter knows. */
    private static final class Squaring extends dev.nabla.nn.Layer {
        @Override
        protected Tensor call(Tensor input) {
            return input.mul(input);
        }
    }
}
