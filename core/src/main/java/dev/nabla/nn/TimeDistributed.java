package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * A layer applied to every time step alike (Keras's {@code TimeDistributed}):
 * {@code [N, T, ...] → [N, T, ...']}, the wrapped layer seeing {@code [N·T, ...]}. The child is
 * {@code layer}; a mask on the input ({@link Masks}) is passed on with the output.
 *
 * <pre>{@code
 * Layer perStep = new TimeDistributed(new Dense(10));   // [N, T, 64] → [N, T, 10]
 * }</pre>
 */
public class TimeDistributed extends Layer {

    private final Layer layer;

    /** {@code layer} applied to each step. */
    public TimeDistributed(Layer layer) {
        this.layer = addChild("layer", layer);
    }

    @Override
    protected void build(Shape inputShape) {
        layer.build(merged(inputShape));
    }

    private int[] merged(Shape shape) {
        if (shape.rank() < 3) {
            throw new IllegalArgumentException(path() + ": expected input of shape [batch, time, ...], got " + shape);
        }
        int[] dims = shape.toArray();
        int[] merged = Arrays.copyOfRange(dims, 1, dims.length);
        merged[0] = dims[0] * dims[1];
        return merged;
    }

    @Override
    public Tensor forward(Tensor input) {
        buildIfNeeded(input.shape());
        int[] dims = input.shape().toArray();
        int[] merged = merged(input.shape());
        Tensor y = layer.forward(input.reshape(merged));
        int[] out = new int[y.rank() + 1];
        out[0] = dims[0];
        out[1] = dims[1];
        System.arraycopy(y.shape().toArray(), 1, out, 2, y.rank() - 1);
        Tensor result = y.reshape(out);
        Tensor mask = Masks.of(input);
        return mask == null ? result : Masks.attach(result, mask);
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }
}
