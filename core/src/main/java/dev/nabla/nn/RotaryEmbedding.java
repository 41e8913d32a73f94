package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Rotary position embedding (RoPE, Su et al.), in the "rotate half" layout of GPT-NeoX and
 * Llama: the features {@code [.., L, D]} (D even) are split into halves x₁, x₂, and position p
 * rotates each pair (x₁[i], x₂[i]) by the angle {@code p·base^(−2i/D)}:
 * {@code x·cos + (−x₂, x₁)·sin}. Rotating queries and keys this way makes their dot products
 * depend on the positions only through their difference. {@link MultiHeadAttention#rotary}
 * applies it to every head's queries and keys; as a layer it rotates {@code [N, L, D]} or
 * {@code [N, H, L, D]} inputs. No parameters.
 */
public class RotaryEmbedding extends Layer {

    private final float base;

    /** Base 10000. */
    public RotaryEmbedding() {
        this(10000f);
    }

    /** Wavelengths from this base. */
    public RotaryEmbedding(float base) {
        if (!(base > 1f)) {
            throw new IllegalArgumentException("RotaryEmbedding: the base must be above 1, got " + base);
        }
        this.base = base;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() < 2 || input.dim(-1) % 2 != 0) {
            throw shapeError("[..., length, even features]", input.shape());
        }
        return Masks.attach(rotate(input, base), Masks.of(input));
    }

    /** {@code x [.., L, D]} (D even) with position p of the second-last axis rotated as above. */
    public static Tensor rotate(Tensor x, float base) {
        return rotate(x, base, 0);
    }

    /**
     * {@code x [.., L, D]} whose step p is at position {@code offset + p}: the next positions of a
     * sequence decoded with a {@link dev.nabla.tensor.KeyValueCache}.
     */
    public static Tensor rotate(Tensor x, float base, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("RotaryEmbedding: the position offset must be 0 or more, got " + offset);
        }
        int length = x.dim(-2);
        int depth = x.dim(-1);
        int half = depth / 2;
        float[] cos = new float[length * depth];
        float[] sin = new float[length * depth];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (offset + p) * Math.pow(base, -2.0 * i / depth);
                cos[p * depth + i] = cos[p * depth + half + i] = (float) Math.cos(angle);
                sin[p * depth + i] = sin[p * depth + half + i] = (float) Math.sin(angle);
            }
        }
        int last = x.rank() - 1;
        Tensor rotated = Tensor.concat(last, x.slice(last, half, depth).neg(), x.slice(last, 0, half));
        return x.mul(Tensor.of(cos, length, depth)).add(rotated.mul(Tensor.of(sin, length, depth)));
    }

    /** The base of the wavelengths. */
    public float base() {
        return base;
    }

    @Override
    protected String describe() {
        return base == 10000f ? "" : "base=" + base;
    }
}
