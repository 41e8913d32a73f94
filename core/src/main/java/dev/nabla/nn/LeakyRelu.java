package dev.nabla.nn;

/** LeakyReLU: x for x > 0, slope·x otherwise (PyTorch's default slope 0.01; Keras's 0.3). Any shape → same shape. */
public class LeakyRelu extends Activation {

    private final float slope;

    /** With PyTorch's default slope, 0.01. */
    public LeakyRelu() {
        this(0.01f);
    }

    /** With the given negative slope. */
    public LeakyRelu(float slope) {
        super(x -> x.leakyRelu(slope));
        this.slope = slope;
    }

    /** The slope for negative inputs. */
    public float slope() {
        return slope;
    }

    @Override
    protected String describe() {
        return "slope=" + slope;
    }
}
