package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A densely connected block (Huang et al. 2016, torchvision's {@code _DenseBlock}): each layer
 * reads the input and every earlier layer's output joined along the channels, and the block
 * gives all of them joined: {@code [N, C, H, W] → [N, C + Σ growth_i, H, W]}. Each layer must
 * keep the height and width.
 *
 * <p>The layers are children under their given names ({@link Layer#named}), else
 * {@code denselayer1, denselayer2, ...} as torchvision names them.
 */
public class DenseBlock extends Layer {

    private final List<Layer> layers;

    /** A block of these layers, in order. */
    public DenseBlock(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("DenseBlock: needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            addChild(layer.givenName() != null ? layer.givenName() : "denselayer" + (i + 1), layer);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() < 2) {
            throw shapeError("[N, C, ...]", input.shape());
        }
        List<Tensor> features = new ArrayList<>(List.of(input));
        Tensor joined = input;
        for (Layer layer : layers) {
            Tensor added = layer.forward(joined);
            if (added.rank() != input.rank() || added.dim(0) != input.dim(0)
                    || !sameSpatialSize(added, input)) {
                throw new IllegalArgumentException(path() + ": a layer turned " + joined.shape() + " into "
                        + added.shape() + "; every layer of a dense block must keep the batch, height and width");
            }
            features.add(added);
            joined = Tensor.concat(1, features.toArray(Tensor[]::new));
        }
        return joined;
    }

    private static boolean sameSpatialSize(Tensor a, Tensor b) {
        for (int d = 2; d < a.rank(); d++) {
            if (a.dim(d) != b.dim(d)) {
                return false;
            }
        }
        return true;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }
}
