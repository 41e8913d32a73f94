package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling to a fixed output size whatever the input size (PyTorch
 * {@code nn.AdaptiveAvgPool2d}): {@code [N, C, H, W] → [N, C, outH, outW]}, window i
 * spanning rows floor(i·H/outH) to ceil((i+1)·H/outH).
 */
public class AdaptiveAvgPool2d extends PoolingLayer {

    /** A square output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** An output of outputHeight × outputWidth. */
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
        super(4, "[N, C, H, W]", x -> Pooling.adaptiveAvgPool2d(x, outputHeight, outputWidth),
                "output=" + outputHeight + "x" + outputWidth);
    }
}
