package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/** What max and average pooling over sliding windows share: the window size, stride and padding. */
abstract class WindowPoolingLayer extends PoolingLayer {

    /**
     * A pooling window's settings, shared by max and average pooling: {@code Config.of(3)} is
     * windows of 3 moved by 3 without padding (PyTorch's defaults), {@code .stride(1).padding(1)}
     * slides them by one over a padded input.
     *
     * @param kernelSize the window size along each spatial dimension (at least 1)
     * @param stride     the step between windows (at least 1)
     * @param padding    the padding on each side (at least 0, at most half the window)
     */
    public record Config(int kernelSize, int stride, int padding) {

        /** Windows of {@code kernelSize}, moved by {@code kernelSize}, without padding. */
        public static Config of(int kernelSize) {
            return new Config(kernelSize, kernelSize, 0);
        }

        /** The same with another step between windows. */
        public Config stride(int step) {
            return new Config(kernelSize, step, padding);
        }

        /** The same with padding on each side. */
        public Config padding(int size) {
            return new Config(kernelSize, stride, size);
        }
    }

    private final int kernelSize;
    private final int stride;
    private final int padding;

    WindowPoolingLayer(int rank, String expected, UnaryOperator<Tensor> pool, int kernelSize, int stride, int padding) {
        super(rank, expected, pool, windows(kernelSize, stride, padding));
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** The settings. */
    public Config config() {
        return new Config(kernelSize, stride, padding);
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
