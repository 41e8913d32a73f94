package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void sequentialSummaryLooksLikeKeras() {
        Sequential model = new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10));
        model.get(1).setTrainable(false);
        assertEquals("""
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓
                ┃ Layer (type)           ┃ Output Shape ┃ Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩
                │ flatten (Flatten)      │ (None, 784)  │       0 │
                ├────────────────────────┼──────────────┼─────────┤
                │ dense (Dense) [frozen] │ (None, 64)   │  50,240 │
                ├────────────────────────┼──────────────┼─────────┤
                │ relu (Relu)            │ (None, 64)   │       0 │
                ├────────────────────────┼──────────────┼─────────┤
                │ dense_1 (Dense)        │ (None, 10)   │     650 │
                └────────────────────────┴──────────────┴─────────┘
                 Total params: 50,890 (198.79 KB)
                 Trainable params: 650 (2.54 KB)
                 Non-trainable params: 50,240 (196.25 KB)
                """, Summary.of(model, 1, 28, 28));
    }

    @Test
    void graphSummaryShowsConnections() {
        GraphNode x = GraphNode.input("x", 6);
        GraphNode h = new Dense(6).apply(x);
        Graph model = new Graph(x, new Add().apply(h, x));
        assertEquals("""
                Model: "graph"
                ┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┓
                ┃ Layer (type)   ┃ Output Shape ┃ Param # ┃ Connected to         ┃
                ┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━┩
                │ x (InputLayer) │ (None, 6)    │       0 │ -                    │
                ├────────────────┼──────────────┼─────────┼──────────────────────┤
                │ dense (Dense)  │ (None, 6)    │      42 │ x[0][0]              │
                ├────────────────┼──────────────┼─────────┼──────────────────────┤
                │ add (Add)      │ (None, 6)    │       0 │ dense[0][0], x[0][0] │
                └────────────────┴──────────────┴─────────┴──────────────────────┘
                 Total params: 42 (168.00 B)
                 Trainable params: 42 (168.00 B)
                 Non-trainable params: 0 (0.00 B)
                """, Summary.of(model));
    }

    @Test
    void summaryWithoutArgumentsNeedsAModelThatKnowsItsInput() {
        Sequential model = new Sequential(new Flatten(), new Dense(16), new Relu(), new Dense(10));
        IllegalStateException error = assertThrows(IllegalStateException.class, model::summary);
        assertEquals("Sequential.summary(): the model does not know the shape of its input yet; give one sample's"
                + " shape without the batch, e.g. summary(1, 28, 28) for 28x28 grey images, declare it with"
                + " withInputShape(1, 28, 28), or run data through the model first", error.getMessage());
        assertNull(model.inputShape());

        model.forward(Tensor.zeros(4, 1, 8, 8));
        assertEquals(List.of(1, 8, 8), List.of(model.inputShape()[0], model.inputShape()[1], model.inputShape()[2]));
        assertEquals(model.summary(1, 8, 8), model.summary());
        assertTrue(model.summary().contains("│ flatten (Flatten) │ (None, 64)"), model.summary());
    }

    @Test
    void aDeclaredInputShapeBuildsTheModelForTheSummary() {
        Sequential model = new Sequential(new Conv2d(4, 3), new Flatten(), new Dense(10)).withInputShape(1, 8, 8);
        assertTrue(model.get(2).isBuilt());
        assertTrue(model.summary().contains("│ conv2d (Conv2d)   │ (None, 4, 6, 6) │      40 │"), model.summary());

        Sequential seen = new Sequential(new Flatten(), new Dense(3));
        seen.forward(Tensor.zeros(2, 64));
        assertEquals(List.of(1, 8, 8), List.of(seen.withInputShape(1, 8, 8).inputShape()[0], seen.inputShape()[1],
                seen.inputShape()[2]), "a declaration overrides the shape seen");
    }

    @Test
    void aSampleShapeMissingTheChannelsIsRefusedBeforeAnyLayerIsBuilt() {
        // summary(8, 8) once read [1, 8, 8] as an unbatched image of one channel: the table showed
        // (None, 6, 6) after the convolution and built the Dense layer for 36 inputs instead of 144.
        Sequential model = new Sequential(new Conv2d(4, 3), new Relu(), new Flatten(), new Dense(10));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.summary(8, 8));
        assertEquals("Sequential.summary([8, 8]): the first layer, Conv2d, takes samples of shape"
                + " [channels, height, width], got 2 sizes; add the channels first, e.g. summary(1, 8, 8) for grey"
                + " images", error.getMessage());
        assertFalse(model.get(0).isBuilt());
        assertFalse(model.get(3).isBuilt());
        assertTrue(model.summary(1, 8, 8).contains("│ dense (Dense)     │ (None, 10)      │   1,450 │"));
    }

    @Test
    void aSampleShapeThatLosesTheBatchIsAnErrorNotAWrongTable() {
        Sequential model = new Sequential(new Dense(8), new Conv2d(4, 3), new Flatten());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.summary(8, 8));
        assertEquals("Sequential.summary([8, 8]): conv2d (Conv2d) turned a batch of one sample [1, 8, 8] into"
                + " [4, 6, 6], losing the batch dimension: the sample shape misses a dimension; give every size of one"
                + " sample without the batch, e.g. [1, 28, 28] for 28x28 grey images", error.getMessage());
    }

    @Test
    void channelsLastSamplesGetAHint() {
        Sequential model = new Sequential(new Conv2d(4, 3), new Flatten(), new Dense(10));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> model.summary(28, 28, 1));
        assertEquals("Sequential.summary([28, 28, 1]): the first layer, Conv2d, would read 28 channels; [28, 28, 1]"
                + " looks channels-last ([height, width, channels]): Nabla is channels-first like PyTorch,"
                + " [channels, height, width]; give [1, 28, 28], or move the channels first (permute(2, 0, 1) on each"
                + " image)", error.getMessage());
        assertFalse(model.get(0).isBuilt());
    }

    @Test
    void givenNamesShowInTheSummaryAndTheStateDict() {
        Sequential model = new Sequential(new Dense(8).named("hidden"), new Relu(), new Dense(3).named("head"));
        String summary = model.summary(4);
        assertTrue(summary.contains("│ hidden (Dense) │"), summary);
        assertTrue(summary.contains("│ relu (Relu)    │"), summary);
        assertTrue(summary.contains("│ head (Dense)   │"), summary);
        assertEquals(List.of("hidden.weight", "hidden.bias", "head.weight", "head.bias"),
                List.copyOf(model.stateDict().keySet()));
        assertEquals("head", model.get(2).givenName());

        GraphNode x = GraphNode.input("x", 6);
        Graph graph = new Graph(x, new Dense(2).named("dense").apply(new Dense(6).apply(x)));
        // The unnamed layer, applied first, steps aside from the given name.
        assertEquals(List.of("dense_1", "dense"), List.copyOf(graph.children().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new Dense(2).named("a.b"));
    }

    @Test
    void runningStatisticsCountAsNonTrainableParameters() {
        // Keras: BatchNormalization(4) has 16 params, 8 of them (moving mean and variance) non-trainable.
        Sequential model = new Sequential(new Dense(4), new BatchNorm1d(4));
        String summary = model.summary(3);
        assertTrue(summary.contains("│ batch_norm1d (BatchNorm1d) │ (None, 4)    │      16 │"), summary);
        assertTrue(summary.contains(" Total params: 32 (128.00 B)\n Trainable params: 24 (96.00 B)\n"
                + " Non-trainable params: 8 (32.00 B)\n"), summary);
    }
}
