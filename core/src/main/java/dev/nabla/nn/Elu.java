package dev.nabla.nn;

/** ELU: x for x > 0, alpha·(e^x − 1) otherwise (default alpha 1). Any shape → same shape. */
public class Elu extends Activation {

    private final float alpha;

    /** With alpha 1. */
    public Elu() {
        this(1f);
    }

    /** With the given alpha. */
    public Elu(float alpha) {
        super(x -> x.elu(alpha));
        this.alpha = alpha;
    }

    /** The scale of the negative part. */
    public float alpha() {
        return alpha;
    }

    @Override
    protected String describe() {
        return "alpha=" + alpha;
    }
}
