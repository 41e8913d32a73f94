package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling over 2-d windows (PyTorch {@code nn.AvgPool2d}, Keras {@code AveragePooling2D}):
 * {@code [N, C, H, W] → [N, C, H_out, W_out]}; padded zeros count in the average, PyTorch's default.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class AvgPool2d extends WindowPoolingLayer {

    /** Windows of kernelSize with stride kernelSize. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** Windows of kernelSize moved by stride, with padding on each side (at most half the kernel). */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        super(4, "[N, C, H, W]", x -> Pooling.avgPool2d(x, kernelSize, stride, padding), kernelSize, stride, padding);
    }
}
