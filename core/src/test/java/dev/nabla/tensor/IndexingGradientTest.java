package dev.nabla.tensor;

import static dev.nabla.tensor.TestTensors.leaf;

import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the ops that pick or place elements by index. Indices repeat on
 * purpose: a picked element's gradient must add up over every pick.
 */
class IndexingGradientTest {

    private final Generator gen = new Generator(17);

    private Tensor input(int... shape) {
        return leaf(gen, -2f, 2f, shape);
    }

    @Test
    void gather() {
        Tensor rows = Tensor.randint(gen, 0, 3, 4, 5);
        GradCheck.assertGradients(in -> in[0].gather(0, rows), input(3, 5));
        Tensor columns = Tensor.randint(gen, 0, 5, 3, 6);
        GradCheck.assertGradients(in -> in[0].gather(1, columns), input(3, 5));
        Tensor fewer = Tensor.randint(gen, 0, 5, 2, 3);
        GradCheck.assertGradients(in -> in[0].gather(-1, fewer), input(3, 5));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).gather(1, columns), input(5, 3));
    }

    @Test
    void indexSelect() {
        GradCheck.assertGradients(in -> in[0].indexSelect(0, 2, 0, 2, 1), input(3, 4));
        GradCheck.assertGradients(in -> in[0].indexSelect(1, Tensor.of(3f, 3f, 0f)), input(3, 4));
        GradCheck.assertGradients(in -> in[0].indexSelect(-1, 1, 1, 0), input(2, 3, 2));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).indexSelect(1, 2, 0, 0), input(3, 4));
    }

    @Test
    void maskedFill() {
        Tensor mask = Tensor.bernoulli(gen, 0.5f, 3, 4);
        GradCheck.assertGradients(in -> in[0].maskedFill(mask, -1f), input(3, 4));
        GradCheck.assertGradients(in -> in[0].maskedFill(Tensor.of(1f, 0f, 0f, 1f), 0f), input(2, 3, 4));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).maskedFill(mask, 5f), input(4, 3));
    }

    @Test
    void scatterAddToSelfAndSource() {
        Tensor rows = Tensor.randint(gen, 0, 3, 4, 5);
        GradCheck.assertGradients(in -> in[0].scatterAdd(0, rows, in[1]), input(3, 5), input(4, 5));
        Tensor columns = Tensor.randint(gen, 0, 5, 3, 7);
        GradCheck.assertGradients(in -> in[0].scatterAdd(1, columns, in[1]), input(3, 5), input(3, 7));
        Tensor fewer = Tensor.randint(gen, 0, 5, 2, 3);
        GradCheck.assertGradients(in -> in[0].scatterAdd(-1, fewer, in[1]), input(3, 5), input(2, 3));
        GradCheck.assertGradients(in -> in[0].transpose(0, 1).scatterAdd(1, columns, in[1].transpose(0, 1)),
                input(5, 3), input(7, 3));
    }

    @Test
    void scatterAddIntoAConstant() {
        Tensor columns = Tensor.randint(gen, 0, 5, 3, 7);
        GradCheck.assertGradients(in -> Tensor.zeros(3, 5).scatterAdd(1, columns, in[0]), input(3, 7));
    }
}
