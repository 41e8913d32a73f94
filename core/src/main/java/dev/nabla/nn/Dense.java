package dev.nabla.nn;

import dev.nabla.nn.init.FanMode;
import dev.nabla.nn.init.Initializer;
import dev.nabla.nn.init.Initializers;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.Linear;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * A fully connected layer, {@code y = activation(x·Wᵀ + b)} (Keras {@code Dense}, PyTorch
 * {@code nn.Linear}). {@code [..., in] → [..., units]}. The weight is stored
 * {@code [units, in]} as in PyTorch, so state dicts load unchanged.
 *
 * <p>The activation is optional (linear by default), as Keras's {@code activation="relu"}:
 * {@code new Dense(784, 128, ActivationFunction.RELU)} computes what {@code new Dense(784, 128)}
 * followed by {@link Relu} does, but adds the bias and applies the activation in the same
 * pass over the product, and differentiates all of it as one op ({@link Linear#linear}).
 *
 * <p>Default initialisation follows PyTorch: weight and bias uniform in
 * ±1/sqrt(in). Keras draws the kernel from Glorot uniform and starts the bias at zero;
 * pass {@code Initializers.glorotUniform(1)} and {@code Initializers.zeros()} for that.
 */
public class Dense extends Layer {

    private final int units;
    private final boolean useBias;
    private final ActivationFunction activation;
    private int inFeatures = -1;
    private Initializer weightInitializer;
    private Initializer biasInitializer;
    private Parameter weight;
    private Parameter bias;

    /** A dense layer whose input size is taken from its first input. */
    public Dense(int units) {
        this(units, true);
    }

    /** A lazily sized dense layer, with or without bias. */
    public Dense(int units, boolean useBias) {
        this(units, useBias, ActivationFunction.LINEAR);
    }

    /** A lazily sized dense layer with bias and the given activation (Keras's {@code Dense(units, activation)}). */
    public Dense(int units, ActivationFunction activation) {
        this(units, true, activation);
    }

    /** A lazily sized dense layer, with or without bias, with the given activation. */
    public Dense(int units, boolean useBias, ActivationFunction activation) {
        if (units < 1) {
            throw new IllegalArgumentException("Dense: units must be at least 1, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("Dense: the activation must not be null; use ActivationFunction.LINEAR"
                    + " for none");
        }
        this.units = units;
        this.useBias = useBias;
        this.activation = activation;
    }

    /** A dense layer with its input size given, built at once (PyTorch's {@code nn.Linear(in, out)}). */
    public Dense(int inFeatures, int units) {
        this(inFeatures, units, true);
    }

    /** A dense layer with its input size given, built at once, with or without bias. */
    public Dense(int inFeatures, int units, boolean useBias) {
        this(inFeatures, units, useBias, ActivationFunction.LINEAR);
    }

    /** A dense layer with its input size given, built at once, with bias and the given activation. */
    public Dense(int inFeatures, int units, ActivationFunction activation) {
        this(inFeatures, units, true, activation);
    }

    /** A dense layer with its input size given, built at once, with or without bias, with the given activation. */
    public Dense(int inFeatures, int units, boolean useBias, ActivationFunction activation) {
        this(units, useBias, activation);
        build(1, inFeatures);
    }

    /** Uses {@code init} for the weight (re-initialising it if already built); returns this. */
    public Dense weightInitializer(Initializer init) {
        weightInitializer = init;
        if (weight != null) {
            reinitialize(weight, init);
        }
        return this;
    }

    /** Uses {@code init} for the bias (re-initialising it if already built); returns this. */
    public Dense biasInitializer(Initializer init) {
        biasInitializer = init;
        if (bias != null) {
            reinitialize(bias, init);
        }
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        inFeatures = inputShape.dim(-1);
        float bound = (float) (1 / Math.sqrt(Math.max(inFeatures, 1)));
        Initializer w = weightInitializer != null ? weightInitializer
                : Initializers.heUniform(FanMode.FAN_IN, Initializers.gain("leaky_relu", (float) Math.sqrt(5)));
        weight = addParameter("weight", w.initialize(Shape.of(units, inFeatures), generator()));
        if (useBias) {
            Initializer b = biasInitializer != null ? biasInitializer : Initializers.uniform(-bound, bound);
            bias = addParameter("bias", b.initialize(Shape.of(units), generator()));
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() == 0) {
            throw shapeError("[..., " + inFeatures + "]", input.shape());
        }
        if (input.dim(-1) != inFeatures) {
            int features = input.dim(-1);
            throw shapeError("[..., " + inFeatures + "]", input.shape(), "the input has " + features
                    + " features: give this layer " + features + " inputs, or write new Dense(" + units
                    + ") to take the size from the data", "the input has " + features + " features: give in_features: "
                    + features + ", or leave in_features out, as in {type: dense, units: " + units
                    + "}, to take the size from the data");
        }
        return Linear.linear(input, weight.value(), useBias ? bias.value() : null, activation);
    }

    /** The weight, {@code [units, in]}; null before the layer is built. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [units]}; null without bias or before the layer is built. */
    public Parameter bias() {
        return bias;
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    /** The number of inputs; -1 before the layer is built. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The activation applied to the output; {@link ActivationFunction#LINEAR} for none. */
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected String describe() {
        return "in=" + (inFeatures < 0 ? "?" : inFeatures) + ", out=" + units + ", bias=" + useBias
                + (activation == ActivationFunction.LINEAR ? "" : ", activation=" + activation.kerasName());
    }

    void reinitialize(Parameter p, Initializer init) {
        try (var ignored = dev.nabla.tensor.NoGrad.enter()) {
            p.value().assign(init.initialize(p.shape(), generator()));
        }
    }
}
