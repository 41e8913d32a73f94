package dev.nabla.nn;

/**
 * GELU, x·Φ(x): exact by default (PyTorch's default; Keras's {@code approximate=False}),
 * or the tanh approximation. Any shape → same shape.
 */
public class Gelu extends Activation {

    private final boolean tanhApproximation;

    /** The exact GELU. */
    public Gelu() {
        this(false);
    }

    /** The tanh approximation when {@code tanhApproximation}. */
    public Gelu(boolean tanhApproximation) {
        super(tanhApproximation ? x -> x.geluTanh() : x -> x.gelu());
        this.tanhApproximation = tanhApproximation;
    }

    /** Whether the tanh approximation is used. */
    public boolean tanhApproximation() {
        return tanhApproximation;
    }

    @Override
    protected String describe() {
        return tanhApproximation ? "approximate=tanh" : "";
    }
}
