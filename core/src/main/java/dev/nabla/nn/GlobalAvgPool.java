package dev.nabla.nn;

/**
 * The mean over every spatial position (Keras {@code GlobalAveragePooling1D/2D/3D}; PyTorch
 * {@code AdaptiveAvgPool2d(1)} followed by flatten): {@code [N, C, ...] → [N, C]}.
 */
public class GlobalAvgPool extends PoolingLayer {

    /** Global average pooling. */
    public GlobalAvgPool() {
        super(0, "", x -> x.mean(GlobalMaxPool.spatialAxes(x), false), "");
    }
}
