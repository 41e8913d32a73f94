package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Max pooling over 1-d windows (PyTorch {@code nn.MaxPool1d}, Keras {@code MaxPooling1D}):
 * {@code [N, C, L] → [N, C, L_out]}; padding counts as −∞.
 * The stride defaults to the kernel size, padding to 0 (as in PyTorch).
 */
public class MaxPool1d extends WindowPoolingLayer {

    /** Windows of kernelSize moved by kernelSize, without padding (Keras's {@code pool_size}). */
    public MaxPool1d(int kernelSize) {
        this(Config.of(kernelSize));
    }

    /** Windows with the given settings: {@code new MaxPool1d(MaxPool1d.Config.of(3).stride(2).padding(1))}. */
    public MaxPool1d(Config config) {
        super(3, "[N, C, L]", x -> Pooling.maxPool1d(x, config.kernelSize(), config.stride(), config.padding()),
                config.kernelSize(), config.stride(), config.padding());
    }
}
