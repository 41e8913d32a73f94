package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * Layers applied one after another (Keras and PyTorch {@code Sequential}). Children are
 * named {@code 0, 1, 2, ...}, so state-dict keys match PyTorch's ({@code 0.weight}).
 */
public class Sequential extends Layer {

    /** A model of the given layers, in order. */
    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
        markBuilt();
    }

    /** Appends a layer; returns this. */
    public Sequential add(Layer layer) {
        addChild(Integer.toString(children().size()), layer);
        return this;
    }

    /** The layer at a position. */
    public Layer get(int index) {
        Layer l = children().get(Integer.toString(index));
        if (l == null) {
            throw new IndexOutOfBoundsException("Sequential: no layer " + index + " among " + size());
        }
        return l;
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
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Layer layer : children().values()) {
            x = layer.forward(x);
        }
        return x;
    }
}
