package dev.nabla.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.data.TensorDataset;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

    @Test
    void readsEpochsAndLimitWithDefaults() {
        assertEquals(new ExampleOptions(10, 0), ExampleOptions.parse(new String[0], 10));
        assertEquals(new ExampleOptions(2, 512), ExampleOptions.parse(new String[] {"--limit", "512", "--epochs", "2"}, 10));
    }

    @Test
    void refusesAnythingElse() {
        assertThrows(IllegalArgumentException.class, () -> ExampleOptions.parse(new String[] {"--epoch", "2"}, 10));
        assertThrows(IllegalArgumentException.class, () -> ExampleOptions.parse(new String[] {"--epochs"}, 10));
    }

    @Test
    void theLimitKeepsTheFirstExamples() {
        TensorDataset data = new TensorDataset(Tensor.zeros(10, 3), Tensor.zeros(10));

        assertEquals(4, new ExampleOptions(1, 4).limit(data).size());
        assertEquals(10, new ExampleOptions(1, 0).limit(data).size());
    }
}
