package dev.nabla.nn;

import dev.nabla.tensor.Pooling;

/**
 * Average pooling to a fixed output size whatever the input size (PyTorch
 * {@code nn.AdaptiveAvgPool2d}): {@code [N, C, H, W] → [N, C, outH, outW]}, window i
 * spanning rows floor(i·H/outH) to ceil((i+1)·H/outH).
 */
public class AdaptiveAvgPool2d extends PoolingLayer {

    private final int outputHeight;
    private final int outputWidth;

    /** A square output. */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /** An output of outputHeight × outputWidth. */
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
        super(4, "[N, C, H, W]", x -> Pooling.adaptiveAvgPool2d(x, outputHeight, outputWidth),
                "output=" + outputHeight + "x" + outputWidth);
        this.outputHeight = outputHeight;
        this.outputWidth = outputWidth;
    }

    /** The output height. */
    public int outputHeight() {
        return outputHeight;
    }

    /** The output width. */
    public int outputWidth() {
        return outputWidth;
    }
}
