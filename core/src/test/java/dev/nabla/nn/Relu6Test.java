package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class Relu6Test {

    @Test
    void clampsToZeroAndSix() {
        Tensor x = Tensor.of(new float[] {-2f, 0.5f, 5.5f, 7f}, 4);
        assertArrayEquals(new float[] {0f, 0.5f, 5.5f, 6f}, new Relu6().forward(x).toFloatArray());
    }

    @Test
    void passesTheLayerContractAwayFromTheKinks() {
        LayerContract.check(Relu6::new, Tensor.of(new float[] {-1.5f, 0.3f, 2.5f, 4.1f, 6.7f, 5.2f}, 2, 3),
                new int[] {2, 3});
    }
}
