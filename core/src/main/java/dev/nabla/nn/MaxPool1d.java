package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Max pooling over 1-d windows (PyTorch {@code nn.MaxPool1d}, Keras {@code MaxPooling1D}):
 * {@code [N, C, L] → [N, C, L_out]}; padding counts as −∞.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class MaxPool1d extends WindowPoolingLayer {

    /** Windows of kernelSize with stride kernelSize. */
    public MaxPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** Windows of kernelSize moved by stride, with padding on each side (at most half the kernel). */
    public MaxPool1d(int kernelSize, int stride, int padding) {
        super(3, "[N, C, L]", x -> Pooling.maxPool1d(x, kernelSize, stride, padding), kernelSize, stride, padding);
    }
}
