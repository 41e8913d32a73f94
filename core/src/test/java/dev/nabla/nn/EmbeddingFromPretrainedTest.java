package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.optim.Adam;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingFromPretrainedTest {

    private static final float[] TABLE = {0, 0, 1, 2, -3, 4};

    private static float[] trainedOnce(Embedding embedding) {
        Dense dense = Dense.linear(2, 1);
        Adam adam = new Adam(List.of(embedding.weight(), dense.weight(), dense.bias()), 0.1f);
        Tensor loss = dense.forward(embedding.forward(Tensor.of(new float[] {1, 2}, 1, 2))).sum();
        loss.backward();
        adam.step();
        return embedding.weight().value().toFloatArray();
    }

    @Test
    void looksUpTheGivenVectorsFrozenOrFineTuned() {
        Embedding frozen = Embedding.fromPretrained(Tensor.of(TABLE, 3, 2), true);
        assertArrayEquals(new float[] {-3, 4, 1, 2}, frozen.forward(Tensor.of(new float[] {2, 1}, 1, 2)).toFloatArray());
        assertFalse(frozen.isTrainable());
        assertArrayEquals(TABLE, trainedOnce(frozen), "a frozen table stays as given");

        Embedding tuned = Embedding.fromPretrained(Tensor.of(TABLE, 3, 2), false);
        assertTrue(tuned.isTrainable());
        assertFalse(Arrays.equals(TABLE, trainedOnce(tuned)), "a fine-tuned table moves");
        assertThrows(IllegalArgumentException.class, () -> Embedding.fromPretrained(Tensor.zeros(6), true));
    }
}
