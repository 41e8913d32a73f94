package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Layers applied one after another (Keras and PyTorch {@code Sequential}). Children are
 * named by their position, {@code 0, 1, 2, ...}, so state-dict keys match PyTorch's
 * ({@code 0.weight}), or by the name given with {@link Layer#named(String)}
 * ({@code head.weight}, as PyTorch's {@code Sequential(OrderedDict(...))}).
 *
 * <p>The model remembers one sample's shape once it has seen data (its first forward pass)
 * or been told it ({@link #withInputShape(int...)}), so {@link #summary()} needs no
 * arguments then.
 */
public class Sequential extends Layer {

    private int[] sampleShape;

    /** A model of the given layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Appends a layer, under its given name if it has one; returns this. */
    public Sequential add(Layer layer) {
        addChild(layer.givenName() != null ? layer.givenName() : Integer.toString(children().size()), layer);
        return this;
    }

    /** The layer at a position. */
    public Layer get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("Sequential: no layer " + index + " among " + size());
        }
        return layers().get(index);
    }

    /**
     * Declares one sample's shape, without the batch (Keras's {@code input_shape}), e.g.
     * {@code withInputShape(1, 28, 28)}, and builds every layer for it with a zero sample, so a
     * layer that does not fit shows now. Returns this.
     */
    public Sequential withInputShape(int... sampleShape) {
        Summary.of(this, sampleShape);
        this.sampleShape = sampleShape.clone();
        return this;
    }

    /** One sample's shape, without the batch, as first seen or declared; null before either. */
    public int[] inputShape() {
        return sampleShape == null ? null : sampleShape.clone();
    }

    /** Remembers the sample shape a summary ran with, unless data or a declaration came first. */
    void rememberInputShape(int[] shape) {
        if (sampleShape == null) {
            sampleShape = shape.clone();
        }
    }

    /**
     * Keras's summary table for the samples this model has seen or was declared for.
     *
     * @throws IllegalStateException when it has neither, saying what to pass
     */
    public String summary() {
        return Summary.of(this);
    }

    /** Keras's summary table for samples of the given shape, without the batch: {@code summary(1, 28, 28)}. */
    public String summary(int... sampleShape) {
        return Summary.of(this, sampleShape);
    }

    /** The number of layers. */
    public int size() {
        return children().size();
    }

    /** The layers in order. */
    public List<Layer> layers() {
        return List.copyOf(children().values());
    }

    @Override
    protected Tensor call(Tensor input) {
        if (sampleShape == null && input.rank() > 1) {
            int[] dims = input.shape().toArray();
            sampleShape = Arrays.copyOfRange(dims, 1, dims.length);
        }
        // Without a graph, conv → batch norm (→ ReLU) runs as one folded convolution.
        return ConvolutionFolding.forward(List.copyOf(children().values()), 0, children().size(), input);
    }
}
