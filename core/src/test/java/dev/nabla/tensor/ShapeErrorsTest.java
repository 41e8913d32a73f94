package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shape mistakes are the most common bug in model code, so each one must say which op
 * failed and show the shapes involved, in the words a person needs to fix it.
 */
class ShapeErrorsTest {

    private static String message(Executable op) {
        return assertThrows(IllegalArgumentException.class, op).getMessage();
    }

    @Test
    void matmulNamesBothShapesAndTheInnerSizes() {
        assertEquals("matmul: [32, 784] @ [128, 10]: inner dimensions 784 and 128 differ",
                message(() -> Tensor.zeros(32, 784).matmul(Tensor.zeros(128, 10))));
        assertEquals("matmul: [3] @ [4, 2]: inner dimensions 3 and 4 differ",
                message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2))));
        assertEquals("matmul: [2, 5, 3] @ [4]: inner dimensions 3 and 4 differ",
                message(() -> Tensor.zeros(2, 5, 3).matmul(Tensor.zeros(4))));
        assertEquals("matmul: [3] @ [4]: inner dimensions 3 and 4 differ",
                message(() -> Tensor.zeros(3).matmul(Tensor.zeros(4))));
    }

    @Test
    void matmulBatchMismatchNamesTheOp() {
        String m = message(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertTrue(m.startsWith("matmul: ") && m.contains("[2]") && m.contains("[3]"), m);
    }

    @Test
    void broadcastingNamesTheOpBothShapesAndTheDimension() {
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast: dimension -1 has sizes 3 and 4",
                message(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4))));
        assertEquals("sub: shapes [5, 2, 3] and [4, 1] cannot be broadcast: dimension -2 has sizes 2 and 4",
                message(() -> Tensor.zeros(5, 2, 3).sub(Tensor.zeros(4, 1))));
        assertEquals("mul: shapes [3] and [2] cannot be broadcast: dimension -1 has sizes 3 and 2",
                message(() -> Tensor.zeros(3).mul(Tensor.zeros(2))));
        assertEquals("div: shapes [2, 2] and [3, 2] cannot be broadcast: dimension -2 has sizes 2 and 3",
                message(() -> Tensor.zeros(2, 2).div(Tensor.zeros(3, 2))));
        assertEquals("lt: shapes [2] and [3] cannot be broadcast: dimension -1 has sizes 2 and 3",
                message(() -> Tensor.zeros(2).lt(Tensor.zeros(3))));
        assertTrue(message(() -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(2)))
                .startsWith("where: shapes [2] and [3] cannot be broadcast"));
    }

    @Test
    void reshapeAndViewNameTheRequestAndTheTensor() {
        assertEquals("reshape: shape [4, 4] is invalid for a tensor of shape [3, 5] (15 elements)",
                message(() -> Tensor.zeros(3, 5).reshape(4, 4)));
        assertEquals("reshape: shape [-1, 4] is invalid for a tensor of shape [3, 5] (15 elements)",
                message(() -> Tensor.zeros(3, 5).reshape(-1, 4)));
        assertEquals("view: shape [2, 7] is invalid for a tensor of shape [15] (15 elements)",
                message(() -> Tensor.zeros(15).view(2, 7)));
        assertEquals("reshape: only one size may be -1, got [-1, -1]",
                message(() -> Tensor.zeros(4).reshape(-1, -1)));
        assertEquals("view: a tensor of shape [5, 3] with strides [1, 5] is not contiguous; use reshape(),"
                + " which copies",
                message(() -> Tensor.zeros(3, 5).transpose(0, 1).view(15)));
    }

    @Test
    void concatNamesTheOffendingTensorAndAxis() {
        assertEquals("concat: tensor 1 has shape [2, 4] but tensor 0 has shape [2, 3]; all sizes but axis 0 must match",
                message(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4))));
        assertEquals("concat: tensor 2 has shape [3] but tensor 0 has shape [2, 3]; all sizes but axis -1 must match",
                message(() -> Tensor.concat(-1, Tensor.zeros(2, 3), Tensor.zeros(2, 1), Tensor.zeros(3))));
        assertEquals("concat: no tensors given", message(() -> Tensor.concat(0)));
    }

    @Test
    void stackNamesTheOffendingTensor() {
        assertEquals("stack: tensor 1 has shape [3, 2] but tensor 0 has shape [2, 3]",
                message(() -> Tensor.stack(0, Tensor.zeros(2, 3), Tensor.zeros(3, 2))));
        assertEquals("stack: no tensors given", message(() -> Tensor.stack(0)));
    }

    @Test
    void gatherAndScatterAddNameTheIndexAndTensorShapes() {
        assertEquals("gather: index of shape [3] must have the same rank as the tensor of shape [3, 4]",
                message(() -> Tensor.zeros(3, 4).gather(1, Tensor.zeros(3))));
        assertEquals("gather: index of shape [5, 1] is larger than the tensor of shape [3, 4] in dimension 0",
                message(() -> Tensor.zeros(3, 4).gather(1, Tensor.zeros(5, 1))));
        assertEquals("scatterAdd: source shape [3, 2] must equal the index shape [3, 1]",
                message(() -> Tensor.zeros(3, 4).scatterAdd(1, Tensor.zeros(3, 1), Tensor.zeros(3, 2))));
        assertEquals("gather: index 7 at flat position 0 is out of range for dimension 1 of [3, 4] of size 4",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> Tensor.zeros(3, 4).gather(1, Tensor.full(7f, 1, 1))).getMessage());
    }

    @Test
    void indexSelectNamesTheIndexAndTensorShapes() {
        assertEquals("indexSelect: the index must be 1-d, got shape [2, 1] to select from a tensor of shape [3, 4]",
                message(() -> Tensor.zeros(3, 4).indexSelect(0, Tensor.zeros(2, 1))));
        assertEquals("indexSelect: index 4 at flat position 1 is out of range for dimension 1 of [3, 4] of size 4",
                assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(3, 4).indexSelect(1, 0, 4))
                        .getMessage());
    }

    @Test
    void otherShapeContracts() {
        assertEquals("expand: cannot expand shape [2, 3] to [2, 6]: dimension 1 has size 3, not 1",
                message(() -> Tensor.zeros(2, 3).expand(2, 6)));
        assertEquals("split: sizes [1, 1] do not add up to 3, the size of dimension 0 of [3, 2]",
                message(() -> Tensor.zeros(3, 2).split(new int[] {1, 1}, 0)));
        assertEquals("squeeze: dimension 0 of shape [2, 1] has size 2, not 1",
                message(() -> Tensor.zeros(2, 1).squeeze(0)));
        assertEquals("assign: a value of shape [2, 3] does not fit a tensor of shape [1, 3]",
                message(() -> Tensor.zeros(1, 3).assign(Tensor.zeros(2, 3))));
        assertEquals("maskedFill: a mask of shape [2, 3] does not broadcast to the tensor's shape [3]",
                message(() -> Tensor.zeros(3).maskedFill(Tensor.zeros(2, 3), 0f)));
        assertEquals("permute: [1, 0] does not name all 3 dimensions of shape [2, 3, 4]",
                message(() -> Tensor.zeros(2, 3, 4).permute(1, 0)));
        assertEquals("axis 2 is out of range for a tensor of rank 2",
                message(() -> Tensor.zeros(2, 3).softmax(2)));
    }
}
