package dev.nabla.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.LayerSpecs;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import dev.nabla.tensor.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer with several outputs (an LSTM's shape) in a graph: forward, gradients, summary and model files. */
class MultiOutputLayerTest {

    static {
        LayerSpecs.register(ToyRecurrent.TYPE);
    }

    @TempDir
    Path directory;

    private static final Tensor SEQUENCES = Tensor.uniform(new Generator(1), -1f, 1f, 2, 4, 3);

    /** Sequences [N, 4, 3] → scores [N, 2] from all three outputs of the recurrent layer, and its cell state [N, 5]. */
    private static Graph model() {
        GraphNode sequence = GraphNode.input("sequence", 4, 3);
        GraphNode steps = new ToyRecurrent(5).seed(3).apply(sequence);
        GraphNode hidden = steps.output(1);
        GraphNode cell = steps.output(2);
        GraphNode joined = new Concatenate().apply(new Flatten().apply(steps), hidden, cell);
        GraphNode scores = new Dense(2).seed(4).named("head").apply(joined);
        return new Graph(List.of(sequence), List.of(scores, cell));
    }

    private static List<Tensor> leavesOf(Layer layer, Tensor input) {
        List<Tensor> leaves = new ArrayList<>(List.of(Tensor.of(input.toFloatArray(), input.shape().toArray())
                .requiresGrad(true)));
        layer.parameters().forEach(p -> leaves.add(p.value()));
        return leaves;
    }

    @Test
    void theLayerGivesThreeOutputsWhoseGradientsMatchFiniteDifferences() {
        ToyRecurrent recurrent = new ToyRecurrent(5).seed(2);
        List<Tensor> outputs = recurrent.forwardAll(List.of(SEQUENCES));
        assertEquals("[[2, 4, 5], [2, 5], [2, 5]]", outputs.stream().map(Tensor::shape).toList().toString());
        assertTrue(recurrent.forward(SEQUENCES).allClose(outputs.get(0), 0f, 0f));
        List<Tensor> leaves = leavesOf(recurrent, SEQUENCES);
        for (int i = 0; i < 3; i++) {
            int output = i;
            GradCheck.assertGradients(in -> recurrent.forwardAll(List.of(in[0])).get(output),
                    leaves.toArray(Tensor[]::new));
        }
    }

    @Test
    void laterLayersReadTheOutputsTheySelect() {
        Graph model = model();
        ToyRecurrent recurrent = (ToyRecurrent) model.children().get("toy_recurrent");
        Dense head = (Dense) model.children().get("head");
        List<Tensor> parts = recurrent.forwardAll(List.of(SEQUENCES));
        Tensor joined = Tensor.concat(1, parts.get(0).reshape(2, 20), parts.get(1), parts.get(2));
        List<Tensor> outputs = model.forwardAll(List.of(SEQUENCES));
        assertTrue(outputs.get(0).allClose(head.forward(joined), 0f, 0f));
        assertTrue(outputs.get(1).allClose(parts.get(2), 0f, 0f));
        assertEquals(5, model.nodes().size(), "the input and four layer calls, the recurrent one once");
        assertEquals("[1, 5]", model.shapeOf(model.outputNodes().get(1)).toString());
    }

    @Test
    void gradientsFlowBackThroughEveryOutputTheGraphReads() {
        Graph model = model();
        Tensor[] leaves = leavesOf(model, SEQUENCES).toArray(Tensor[]::new);
        Function<Tensor[], Tensor> scores = in -> model.forwardAll(List.of(in[0])).get(0);
        GradCheck.assertGradients(scores, leaves);
        GradCheck.assertGradients(in -> model.forwardAll(List.of(in[0])).get(1), leaves);
    }

    @Test
    void theSummaryShowsEveryOutputShapeAndWhichOutputEachLayerReads() {
        String summary = Summary.of(model());
        assertTrue(summary.contains("│ toy_recurrent (ToyRecurrent) │ [(None, 4, 5), (None, 5), (None, 5)] │"
                + "      20 │ sequence[0][0]                                          │"), summary);
        assertTrue(summary.contains("│ concatenate (Concatenate)    │ (None, 30)                           │"
                + "       0 │ flatten[0][0], toy_recurrent[0][1], toy_recurrent[0][2] │"), summary);
        assertTrue(summary.contains(" Total params: 82 (328.00 B)\n"), summary);
    }

    @Test
    void aModelFileKeepsWhichOutputFeedsWhichLayer() throws IOException {
        Graph model = model();
        Path file = directory.resolve("recurrent.nabla");
        ModelFile.save(file, model);
        Graph loaded = (Graph) ModelFile.load(file).model();
        assertEquals(model.toString(), loaded.toString());
        List<Tensor> expected;
        List<Tensor> actual;
        try (NoGrad ignored = NoGrad.enter()) {
            expected = model.eval().forwardAll(List.of(SEQUENCES));
            actual = loaded.eval().forwardAll(List.of(SEQUENCES));
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(), "output " + i);
        }
        String config = configOf(file);
        assertTrue(config.contains("\"version\": 2,"), config);
        assertTrue(config.replaceAll("\\s+", "").contains("\"layer\":\"concatenate\",\"inputs\":[2,[1,1],[1,2]]"),
                config);
        assertTrue(config.replaceAll("\\s+", "").contains("\"outputs\":[4,[1,2]]"), config);

        GraphNode x = GraphNode.input("x", 3);
        ModelFile.save(file, new Graph(x, new Dense(2).apply(x)));
        assertTrue(configOf(file).contains("\"version\": 1,"), "a graph reading only first outputs stays version 1");
    }

    private static String configOf(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void selectingAnOutputTheLayerDoesNotGiveFailsWhenTheGraphIsBuilt() {
        GraphNode sequence = GraphNode.input("sequence", 4, 3);
        GraphNode steps = new ToyRecurrent(5).apply(sequence);
        var tooFar = assertThrows(IllegalArgumentException.class, () -> new Graph(sequence, steps.output(3)));
        assertEquals("Graph.toy_recurrent: gives 3 outputs, numbered from 0, so it has no output(3); select output 0"
                + " to 2", tooFar.getMessage());
        GraphNode x = GraphNode.input("x", 3);
        GraphNode dense = new Dense(2).apply(x);
        var single = assertThrows(IllegalArgumentException.class, () -> new Graph(x, new Dense(1).apply(dense.output(1))));
        assertEquals("Graph.dense: gives 1 output, numbered from 0, so it has no output(1); use the node apply"
                + " returned", single.getMessage());
        assertEquals(steps, steps.output(1).output(0));
        assertEquals(steps.output(2), steps.output(1).output(2));
        var negative = assertThrows(IllegalArgumentException.class, () -> steps.output(-1));
        assertEquals("GraphNode.output(-1): outputs are numbered from 0", negative.getMessage());
    }
}
