package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * Adds a learned position embedding to a sequence {@code [N, L, D]}: row p of
 * {@code weight [maxLength, D]} is added at step p (Keras-hub's {@code PositionEmbedding} added
 * to its input; BERT's and GPT-2's learned positions). Sized from the input's features; the
 * input's mask is passed on.
 */
public class PositionalEmbedding extends Layer {

    private final int maxLength;
    private Parameter weight;

    /** Positions for sequences of up to {@code maxLength} steps. */
    public PositionalEmbedding(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("PositionalEmbedding: max_length must be at least 1, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 3) {
            throw shapeError("[batch, length, features]", inputShape);
        }
        weight = addParameter("weight", Tensor.normal(generator(), 0f, 0.02f, maxLength, inputShape.dim(2)));
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != 3 || input.dim(1) > maxLength || input.dim(2) != weight.shape().dim(1)) {
            throw shapeError("[batch, length ≤ " + maxLength + ", " + weight.shape().dim(1) + "]", input.shape());
        }
        return Masks.attach(input.add(weight.value().slice(0, 0, input.dim(1))), Masks.of(input));
    }

    /** The longest sequence accepted. */
    public int maxLength() {
        return maxLength;
    }

    /** The table {@code [maxLength, D]}; null before building. */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected String describe() {
        return "max_length=" + maxLength;
    }
}
