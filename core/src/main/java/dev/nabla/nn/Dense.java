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
 * {@code new Dense(128, ActivationFunction.RELU)} computes what {@code new Dense(128)}
 * followed by {@link Relu} does, but adds the bias and applies the activation in the same
 * pass over the product, and differentiates all of it as one op ({@link Linear#linear}).
 *
 * <p>Default initialisation follows PyTorch: weight and bias uniform in
 * ±1/sqrt(in). Keras draws the kernel from Glorot uniform and starts the bias at zero;
 * pass {@code Initializers.glorotUniform(1)} and {@code Initializers.zeros()} for that.
 */
public class Dense extends Layer {

    /**
     * A dense layer's settings, their defaults in one place: {@code Dense.Config.of(10)} is 10
     * units with bias and no activation, its input size taken from the first input;
     * {@code .inFeatures(784)} builds the layer at once for 784 inputs.
     *
     * @param units      the number of outputs (at least 1)
     * @param inFeatures the number of inputs, or null to take it from the first input
     * @param useBias    whether the layer adds a bias
     * @param activation applied to the output; {@link ActivationFunction#LINEAR} for none
     */
    public record Config(int units, Integer inFeatures, boolean useBias, ActivationFunction activation) {

        /** Checks the sizes; the activation must not be null. */
        public Config {
            if (units < 1) {
                throw new IllegalArgumentException("Dense: units must be at least 1, got " + units);
            }
            if (inFeatures != null && inFeatures < 1) {
                throw new IllegalArgumentException("Dense: inFeatures must be at least 1, got " + inFeatures);
            }
            if (activation == null) {
                throw new IllegalArgumentException("Dense: the activation must not be null; use"
                        + " ActivationFunction.LINEAR for none");
            }
        }

        /** {@code units} outputs, with bias, no activation, the input size from the first input. */
        public static Config of(int units) {
            return new Config(units, null, true, ActivationFunction.LINEAR);
        }

        /** The same with the input size given, so the layer is built at once. */
        public Config inFeatures(int features) {
            return new Config(units, features, useBias, activation);
        }

        /** The same with or without bias. */
        public Config useBias(boolean bias) {
            return new Config(units, inFeatures, bias, activation);
        }

        /** The same with an activation (Keras's {@code activation="relu"}). */
        public Config activation(ActivationFunction function) {
            return new Config(units, inFeatures, useBias, function);
        }
    }

    private final Config config;
    private final int units;
    private final boolean useBias;
    private final ActivationFunction activation;
    private int inFeatures = -1;
    private Initializer weightInitializer;
    private Initializer biasInitializer;
    private Parameter weight;
    private Parameter bias;

    /** {@code units} outputs (Keras's {@code Dense(units)}); the input size is taken from the first input. */
    public Dense(int units) {
        this(Config.of(units));
    }

    /** {@code units} outputs with an activation (Keras's {@code Dense(units, activation="relu")}). */
    public Dense(int units, ActivationFunction activation) {
        this(Config.of(units).activation(activation));
    }

    /** A dense layer with the given settings, built at once when they give its input size. */
    public Dense(Config config) {
        this.config = config;
        this.units = config.units();
        this.useBias = config.useBias();
        this.activation = config.activation();
        if (config.inFeatures() != null) {
            build(1, config.inFeatures());
        }
    }

    /**
     * PyTorch's {@code nn.Linear(in_features, out_features)}: the input size first, built at once,
     * with bias and no activation.
     */
    public static Dense linear(int inFeatures, int outFeatures) {
        return new Dense(Config.of(outFeatures).inFeatures(inFeatures));
    }

    /** The settings, with the input size once the layer is built. */
    public Config config() {
        return inFeatures < 0 ? config : config.inFeatures(inFeatures);
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
        Tensor output = Linear.linear(input, weight.value(), useBias ? bias.value() : null, activation);
        // Each step of [N, T, F] on its own keeps a mask (Keras's supports_masking); over [N, T] it mixes the steps.
        return input.rank() >= 3 ? Masks.passOn(input, output) : output;
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
