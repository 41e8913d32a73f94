package dev.nabla.nn;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A residual block (He et al. 2015): layers applied in order, their output added to the
 * block's input, or to the input passed through a shortcut layer where the shapes differ,
 * then an optional activation: {@code activation(path(x) + shortcut(x))}. torchvision's
 * {@code BasicBlock}, {@code Bottleneck} and MobileNetV2's {@code InvertedResidual} are such
 * blocks.
 *
 * <p>The path's layers are children under their given names ({@link Layer#named}), else their
 * positions {@code 0, 1, ...}, and the shortcut under its given name, else {@code shortcut}, so
 * the state-dict keys can be torchvision's ({@code conv1.weight}, {@code downsample.0.weight}).
 * Shapes: the path's output shape is the shortcut's (or the input's).
 *
 * <pre>{@code
 * new Residual(List.of(new Conv2d(16, 3, ...).named("conv1"), ...), null, ActivationFunction.RELU);
 * }</pre>
 */
public class Residual extends Layer {

    private final List<Layer> path;
    private final Layer shortcut;
    private final ActivationFunction activation;

    /**
     * A block of these layers, a shortcut (null: the identity) and an activation after the sum
     * ({@link ActivationFunction#LINEAR}: none).
     */
    public Residual(List<Layer> path, Layer shortcut, ActivationFunction activation) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Residual: the path needs at least one layer");
        }
        this.path = List.copyOf(path);
        this.shortcut = shortcut;
        this.activation = activation == null ? ActivationFunction.LINEAR : activation;
        for (int i = 0; i < path.size(); i++) {
            Layer layer = path.get(i);
            addChild(layer.givenName() != null ? layer.givenName() : Integer.toString(i), layer);
        }
        if (shortcut != null) {
            addChild(shortcut.givenName() != null ? shortcut.givenName() : "shortcut", shortcut);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        int last = path.size() - 1;
        if (last >= 1 && !NoGrad.isGradEnabled()) {
            // Without a graph, the path's closing conv → batch norm runs folded, with the add
            // and the activation in the same pass over its output.
            Tensor x = ConvolutionFolding.forward(path, 0, last - 1, input);
            if (ConvolutionFolding.foldable(path.get(last - 1), path.get(last), x)) {
                Tensor skip = shortcut == null ? input : shortcut.forward(input);
                try {
                    return ConvolutionFolding.apply(path.get(last - 1), path.get(last), x, skip, activation);
                } catch (IllegalArgumentException e) {
                    return unfolded(input);   // says what is wrong as the unfolded path does
                }
            }
        }
        return unfolded(input);
    }

    private Tensor unfolded(Tensor input) {
        Tensor x = input;
        for (Layer layer : path) {
            x = layer.forward(x);
        }
        Tensor skip = shortcut == null ? input : shortcut.forward(input);
        if (!x.shape().equals(skip.shape())) {
            throw new IllegalArgumentException(path() + ": the path gives " + x.shape() + " but the "
                    + (shortcut == null ? "input (the identity shortcut) is " : "shortcut gives ") + skip.shape()
                    + "; give the block a shortcut that maps the input to the path's shape (a 1x1 convolution with"
                    + " the path's stride)");
        }
        return activation.apply(x.add(skip));
    }

    /** The path's layers, in order. */
    public List<Layer> pathLayers() {
        return new ArrayList<>(path);
    }

    /** The shortcut, or null for the identity. */
    public Layer shortcut() {
        return shortcut;
    }

    /** The activation applied after the sum. */
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected String describe() {
        return "activation=" + activation.kerasName();
    }
}
