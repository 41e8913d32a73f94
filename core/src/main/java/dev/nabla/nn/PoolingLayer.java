package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/** A parameter-free pooling layer: one op over inputs of a fixed rank, errors named by the layer. */
abstract class PoolingLayer extends Layer {

    private final int rank;
    private final String expected;
    private final UnaryOperator<Tensor> pool;
    private final String settings;

    PoolingLayer(int rank, String expected, UnaryOperator<Tensor> pool, String settings) {
        this.rank = rank;
        this.expected = expected;
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (rank > 0 && input.rank() != rank && input.rank() != rank - 1) {
            throw shapeError(expected, input.shape());
        }
        try {
            return pool.apply(input);
        } catch (IllegalArgumentException e) {
            throw atThisLayer(e);
        }
    }

    @Override
    protected String describe() {
        return settings;
    }

    static String windows(int kernel, int stride, int padding) {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
