package dev.nabla.onnx;

import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Gru;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.Masking;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.SimpleRnn;
import dev.nabla.nn.DataFormat;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras's Bidirectional wrapper and masked (padded) sequences exported and run in ONNX Runtime:
 * the same outputs as in Nabla at batch sizes 1 and 7 through one file.
 */
class RecurrentExportTest {

    @TempDir
    Path folder;

    private final Generator generator = new Generator(9);

    @ParameterizedTest
    @ValueSource(strings = {"concat", "sum", "mul", "ave"})
    void bidirectionalWrapperInEveryMergeMode(String mode) throws Exception {
        Layer.manualSeed(3);
        Sequential model = new Sequential(new Bidirectional(new Lstm(5).returnSequences(true), mode),
                new Bidirectional(new Gru(4), mode), new Dense(2));
        OnnxRuntimeCheck.assertSameOutputs(model, new int[] {6, 3}, folder.resolve(mode + ".onnx"), generator);
    }

    @Test
    void bidirectionalStatesAreOutputsToo() throws Exception {
        Layer.manualSeed(4);
        GraphNode steps = GraphNode.input("steps", 5, 3);
        GraphNode both = new Bidirectional(new Lstm(4).returnState(true)).apply(steps);
        Graph model = new Graph(List.of(steps), List.of(both, both.output(1), both.output(2), both.output(3),
                both.output(4)));
        Path file = folder.resolve("states.onnx");
        Onnx.export(model, null, file);
        for (int batch : new int[] {1, 7}) {
            OnnxRuntimeCheck.compare(model, Map.of("steps", Tensor.randn(generator, batch, 5, 3)), file);
        }
    }

    /** Ids padded with 0 at the end: Embedding(mask_zero) gives the mask, the ONNX operators sequence_lens. */
    @Test
    void maskedSequencesFromPaddedIds() throws Exception {
        Layer.manualSeed(5);
        Sequential model = new Sequential(new Embedding(Embedding.Config.of(20, 6).maskZero(true)),
                new Lstm(5).returnSequences(true), new Bidirectional(new SimpleRnn(4).returnSequences(true), "sum"),
                new Bidirectional(new Gru(3)), new Dense(2));
        compareOnPaddedIds(model, "masked-ids.onnx");
    }

    @Test
    void maskedSequencesPooledOverTheirRealSteps() throws Exception {
        Layer.manualSeed(6);
        Sequential model = new Sequential(new Embedding(Embedding.Config.of(20, 6).maskZero(true)),
                new Bidirectional(new Lstm(4).returnSequences(true)), new GlobalAvgPool(DataFormat.CHANNELS_LAST),
                new Dense(2));
        compareOnPaddedIds(model, "masked-pooled.onnx");
    }

    /** Masking(0): steps of all zeros are padding, at the end of each sequence. */
    @Test
    void maskingLayerOnPaddedFeatures() throws Exception {
        Layer.manualSeed(7);
        Sequential model = new Sequential(new Masking(), new Gru(4).returnSequences(true),
                new Bidirectional(new Lstm(3)), new Dense(2));
        Path file = folder.resolve("masking.onnx");
        Onnx.export(model, new int[] {6, 3}, file);
        for (int batch : new int[] {1, 7}) {
            float[] values = Tensor.randn(generator, batch, 6, 3).toFloatArray();
            for (int n = 0; n < batch; n++) {
                for (int t = 6 - n % 5; t < 6; t++) {
                    java.util.Arrays.fill(values, (n * 6 + t) * 3, (n * 6 + t + 1) * 3, 0f);
                }
            }
            model.eval();
            OnnxRuntimeCheck.compare(model, Map.of("input", Tensor.of(values, batch, 6, 3)), file);
        }
    }

    private void compareOnPaddedIds(Layer model, String name) throws Exception {
        Path file = folder.resolve(name);
        Onnx.export(model, new int[] {7}, file);
        for (int batch : new int[] {1, 7}) {
            float[] ids = Tensor.randint(generator, 1, 20, batch, 7).toFloatArray();
            for (int n = 0; n < batch; n++) {
                for (int t = 7 - n % 6; t < 7; t++) {
                    ids[n * 7 + t] = 0f;
                }
            }
            model.eval();
            OnnxRuntimeCheck.compare(model, Map.of("input", Tensor.of(ids, batch, 7)), file);
        }
    }
}
