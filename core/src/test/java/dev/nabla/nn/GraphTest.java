package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** input → dense → relu, added back to the input: a residual block. */
    private static Graph residual() {
        GraphNode x = GraphNode.input("x", 6);
        GraphNode h = new Relu().apply(new Dense(6).seed(5).apply(x)); // seeded: no ReLU kink within the check
        return new Graph(x, new Add().apply(h, x));
    }

    @Test
    void meetsTheLayerContract() {
        LayerContract.check(GraphTest::residual, new int[] {3, 6}, new int[] {3, 6});
    }

    @Test
    void computesWhatItsLayersComputeInOrder() {
        Graph model = residual();
        Dense dense = (Dense) model.children().get("dense");
        Tensor x = Tensor.randn(new Generator(1), 4, 6);
        Tensor expected = x.add(dense.forward(x).relu());
        assertTrue(model.forward(x).allClose(expected, 0f, 0f));
    }

    @Test
    void layersAreNamedAsKerasNamesThem() {
        GraphNode image = GraphNode.input("image", 1, 8, 8);
        GraphNode a = new Conv2d(4, 3).apply(image);
        GraphNode b = new Conv2d(4, 3).apply(a);
        GraphNode out = new Dense(2).apply(new Flatten().apply(new BatchNorm2d().apply(b)));
        Graph model = new Graph(image, out);
        assertEquals(List.of("conv2d", "conv2d_1", "batch_norm2d", "flatten", "dense"),
                List.copyOf(model.children().keySet()));
        assertTrue(model.stateDict().containsKey("batch_norm2d.running_mean"));
    }

    @Test
    void takesSeveralInputsAndGivesSeveralOutputs() {
        GraphNode left = GraphNode.input("left", 3);
        GraphNode right = GraphNode.input("right", 5);
        GraphNode joined = new Concatenate().apply(left, right);
        Dense shared = new Dense(2);
        GraphNode first = shared.apply(joined);
        GraphNode second = shared.apply(new Tanh().apply(joined));
        Graph model = new Graph(List.of(left, right), List.of(first, second));
        assertEquals(1, model.children().values().stream().filter(l -> l == shared).count(), "shared layer once");
        List<Tensor> outputs = model.forwardAll(List.of(Tensor.ones(4, 3), Tensor.ones(4, 5)));
        assertEquals("[4, 2]", outputs.get(0).shape().toString());
        assertEquals("[4, 2]", outputs.get(1).shape().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> model.forwardAll(List.of(Tensor.ones(4, 3))));
        assertTrue(e.getMessage().contains("expected 2 inputs [left, right], got 1"), e.getMessage());
    }

    @Test
    void aGraphWithSeveralOutputsIsALayerWhoseOutputsLaterLayersSelect() {
        GraphNode x = GraphNode.input("x", 3);
        GraphNode hidden = new Dense(4).seed(1).apply(x);
        Graph inner = new Graph(List.of(x), List.of(hidden, new Tanh().apply(hidden)));
        GraphNode y = GraphNode.input("y", 3);
        GraphNode both = inner.apply(y);
        Graph outer = new Graph(y, new Add().apply(both, both.output(1)));
        Tensor input = Tensor.randn(new Generator(2), 2, 3);
        List<Tensor> parts = inner.forwardAll(List.of(input));
        assertTrue(outer.forward(input).allClose(parts.get(0).add(parts.get(1)), 0f, 0f));
        assertTrue(Summary.of(outer).contains("│ graph (Graph)  │ [(None, 4), (None, 4)] │      16 │ y[0][0]  "),
                Summary.of(outer));
        assertTrue(Summary.of(outer).contains("│ graph[0][0], graph[0][1] │"), Summary.of(outer));
        var e = assertThrows(IllegalArgumentException.class, () -> inner.forward(input));
        assertEquals("Graph.graph: has 2 outputs; use forwardAll", e.getMessage());
    }

    @Test
    void shapeErrorsAppearWhenTheGraphIsBuilt() {
        GraphNode x = GraphNode.input("x", 4);
        GraphNode a = Dense.linear(4, 3).apply(x);
        var e = assertThrows(IllegalArgumentException.class, () -> new Graph(x, Dense.linear(5, 2).apply(a)));
        assertTrue(e.getMessage().startsWith("Graph.dense_1: expected input of shape [..., 5], got [1, 3]"),
                e.getMessage());
    }

    @Test
    void inputsAreCheckedAgainstTheirSampleShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> residual().forward(Tensor.ones(2, 7)));
        assertEquals("Graph: input 'x' expects samples of shape [6] (batch first), got [2, 7]", e.getMessage());
    }

    @Test
    void everyInputTheOutputsNeedMustBeDeclared() {
        GraphNode a = GraphNode.input("a", 2);
        GraphNode b = GraphNode.input("b", 2);
        var e = assertThrows(IllegalArgumentException.class, () -> new Graph(a, new Add().apply(a, b)));
        assertTrue(e.getMessage().contains("input 'b'"), e.getMessage());
    }
}
