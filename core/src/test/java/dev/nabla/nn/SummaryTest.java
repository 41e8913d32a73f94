package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void sequentialSummaryLooksLikeKeras() {
        Sequential model = new Sequential(new Flatten(), new Dense(64), new Relu(), new Dense(10));
        model.get(1).setTrainable(false);
        assertEquals("""
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓
                ┃ Layer (type)      ┃ Output Shape ┃ Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩
                │ flatten (Flatten) │ (None, 784)  │       0 │
                ├───────────────────┼──────────────┼─────────┤
                │ dense (Dense)     │ (None, 64)   │  50,240 │
                ├───────────────────┼──────────────┼─────────┤
                │ relu (Relu)       │ (None, 64)   │       0 │
                ├───────────────────┼──────────────┼─────────┤
                │ dense_1 (Dense)   │ (None, 10)   │     650 │
                └───────────────────┴──────────────┴─────────┘
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
}
