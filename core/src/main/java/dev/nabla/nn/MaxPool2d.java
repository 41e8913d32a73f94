package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Max pooling over 2-d windows (PyTorch {@code nn.MaxPool2d}, Keras {@code MaxPooling2D}):
 * {@code [N, C, H, W] → [N, C, H_out, W_out]}; padding counts as −∞.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class MaxPool2d extends WindowPoolingLayer {

    /** Windows of kernelSize moved by kernelSize, without padding (Keras's {@code pool_size}). */
    public MaxPool2d(int kernelSize) {
        this(Config.of(kernelSize));
    }

    /** Windows with the given settings: {@code new MaxPool2d(MaxPool2d.Config.of(3).stride(2).padding(1))}. */
    public MaxPool2d(Config config) {
        super(4, "[N, C, H, W]", x -> Pooling.maxPool2d(x, config.kernelSize(), config.stride(), config.padding()),
                config.kernelSize(), config.stride(), config.padding());
    }
}
