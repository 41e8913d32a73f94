package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Max pooling over 2-d windows (PyTorch {@code nn.MaxPool2d}, Keras {@code MaxPooling2D}):
 * {@code [N, C, H, W] → [N, C, H_out, W_out]}; padding counts as −∞.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class MaxPool2d extends WindowPoolingLayer {

    /** Windows of kernelSize with stride kernelSize. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** Windows of kernelSize moved by stride, with padding on each side (at most half the kernel). */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        super(4, "[N, C, H, W]", x -> Pooling.maxPool2d(x, kernelSize, stride, padding), kernelSize, stride, padding);
    }
}
