package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling over 1-d windows (PyTorch {@code nn.AvgPool1d}, Keras {@code AveragePooling1D}):
 * {@code [N, C, L] → [N, C, L_out]}; padded zeros count in the average, PyTorch's default.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class AvgPool1d extends WindowPoolingLayer {

    /** Windows of kernelSize with stride kernelSize. */
    public AvgPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** Windows of kernelSize moved by stride, with padding on each side (at most half the kernel). */
    public AvgPool1d(int kernelSize, int stride, int padding) {
        super(3, "[N, C, L]", x -> Pooling.avgPool1d(x, kernelSize, stride, padding), kernelSize, stride, padding);
    }
}
