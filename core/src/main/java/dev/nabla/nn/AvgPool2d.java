package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling over 2-d windows (PyTorch {@code nn.AvgPool2d}, Keras {@code AveragePooling2D}):
 * {@code [N, C, H, W] → [N, C, H_out, W_out]}; padded zeros count in the average, PyTorch's default.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class AvgPool2d extends WindowPoolingLayer {

    /** Windows of kernelSize moved by kernelSize, without padding (Keras's {@code pool_size}). */
    public AvgPool2d(int kernelSize) {
        this(Config.of(kernelSize));
    }

    /** Windows with the given settings: {@code new AvgPool2d(AvgPool2d.Config.of(3).stride(2).padding(1))}. */
    public AvgPool2d(Config config) {
        super(4, "[N, C, H, W]", x -> Pooling.avgPool2d(x, config.kernelSize(), config.stride(), config.padding()),
                config.kernelSize(), config.stride(), config.padding());
    }
}
