package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Adds the fixed sinusoidal position encoding of "Attention is all you need" to a sequence
 * {@code [N, L, D]}: {@code PE[p, 2i] = sin(p / base^(2i/D))}, {@code PE[p, 2i+1] = cos(p / base^(2i/D))}
 * (the PyTorch tutorial's {@code PositionalEncoding}, Keras-hub's
 * {@code SinusoidalPositionEncoding} added to its input), base 10000 by default. No parameters;
 * the input's mask is passed on.
 */
public class SinusoidalPositionalEncoding extends Layer {

    private final int maxLength;
    private final float base;

    /** Encodings for sequences of up to {@code maxLength} steps, base 10000. */
    public SinusoidalPositionalEncoding(int maxLength) {
        this(maxLength, 10000f);
    }

    /** Encodings for sequences of up to {@code maxLength} steps with this base. */
    public SinusoidalPositionalEncoding(int maxLength, float base) {
        if (maxLength < 1 || !(base > 1f)) {
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: max_length must be at least 1 and the"
                    + " base above 1, got " + maxLength + " and " + base);
        }
        this.maxLength = maxLength;
        this.base = base;
    }

    /** The encoding {@code [length, depth]}. */
    public static Tensor table(int length, int depth, float base) {
        float[] values = new float[length * depth];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < depth; i += 2) {
                double angle = p / Math.pow(base, (double) i / depth);
                values[p * depth + i] = (float) Math.sin(angle);
                if (i + 1 < depth) {
                    values[p * depth + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return Tensor.of(values, length, depth);
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != 3 || input.dim(1) > maxLength) {
            throw shapeError("[batch, length ≤ " + maxLength + ", features]", input.shape());
        }
        return Masks.attach(input.add(table(input.dim(1), input.dim(2), base)), Masks.of(input));
    }

    /** The longest sequence accepted. */
    public int maxLength() {
        return maxLength;
    }

    /** The base of the wavelengths. */
    public float base() {
        return base;
    }

    @Override
    protected String describe() {
        return "max_length=" + maxLength + (base == 10000f ? "" : ", base=" + base);
    }

}
