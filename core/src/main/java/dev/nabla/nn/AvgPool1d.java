package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling over 1-d windows (PyTorch {@code nn.AvgPool1d}, Keras {@code AveragePooling1D}):
 * {@code [N, C, L] → [N, C, L_out]}; padded zeros count in the average, PyTorch's default.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class AvgPool1d extends WindowPoolingLayer {

    /** Windows of kernelSize moved by kernelSize, without padding (Keras's {@code pool_size}). */
    public AvgPool1d(int kernelSize) {
        this(Config.of(kernelSize));
    }

    /** Windows with the given settings: {@code new AvgPool1d(AvgPool1d.Config.of(3).stride(2).padding(1))}. */
    public AvgPool1d(Config config) {
        super(3, "[N, C, L]", x -> Pooling.avgPool1d(x, config.kernelSize(), config.stride(), config.padding()),
                config.kernelSize(), config.stride(), config.padding());
    }
}
