package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/** What max and average pooling over sliding windows share: the window size, stride and padding. */
abstract class WindowPoolingLayer extends PoolingLayer {

    private final int kernelSize;
    private final int stride;
    private final int padding;

    WindowPoolingLayer(int rank, String expected, UnaryOperator<Tensor> pool, int kernelSize, int stride, int padding) {
        super(rank, expected, pool, windows(kernelSize, stride, padding));
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** The window size along each spatial dimension. */
    public int kernelSize() {
        return kernelSize;
    }

    /** The step between windows. */
    public int stride() {
        return stride;
    }

    /** The padding on each side. */
    public int padding() {
        return padding;
    }
}
