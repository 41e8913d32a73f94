package dev.nabla.tensor;

import dev.nabla.kernels.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The activations a fused op ({@link Linear#linear}) can apply to its output in the same
 * pass, named as in Keras's {@code activation="relu"}. Each is the elementwise function of
 * the tensor method of the same name, with its parameter where it has one at PyTorch's and
 * Keras's default ({@code elu} with alpha 1, {@code softplus} with beta 1).
 */
public enum ActivationFunction {
    /** The identity, Keras's {@code "linear"} (and {@code activation=None}). */
    LINEAR("linear", null, 0f),
    /** max(x, 0). */
    RELU("relu", UnaryOp.RELU, 0f),
    /** 1 / (1 + e^-x). */
    SIGMOID("sigmoid", UnaryOp.SIGMOID, 0f),
    /** The hyperbolic tangent. */
    TANH("tanh", UnaryOp.TANH, 0f),
    /** The exact GELU, x·Φ(x) (Keras's {@code "gelu"}, PyTorch's default). */
    GELU("gelu", UnaryOp.GELU, 0f),
    /** x·sigmoid(x), Keras's {@code "silu"} or {@code "swish"}. */
    SILU("silu", UnaryOp.SILU, 0f),
    /** x for x > 0, e^x − 1 otherwise. */
    ELU("elu", UnaryOp.ELU, 1f),
    /** log(1 + e^x). */
    SOFTPLUS("softplus", UnaryOp.SOFTPLUS, 1f);

    private final String kerasName;
    private final UnaryOp op;
    private final float parameter;

    ActivationFunction(String kerasName, UnaryOp op, float parameter) {
        this.kerasName = kerasName;
        this.op = op;
        this.parameter = parameter;
    }

    /** The name Keras gives it, which model files store: {@code "relu"}, {@code "linear"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The activation with this Keras name, ignoring case ({@code "swish"} is {@link #SILU},
     * {@code "none"} and {@code "identity"} are {@link #LINEAR}).
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static ActivationFunction byName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "swish" -> {
                return SILU;
            }
            case "none", "identity" -> {
                return LINEAR;
            }
            default -> {
                for (ActivationFunction a : values()) {
                    if (a.kerasName.equals(key)) {
                        return a;
                    }
                }
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(ActivationFunction::kerasName).toList()));
    }

    /** Every name {@link #byName} knows: each activation's Keras name, then the aliases. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ActivationFunction a : values()) {
            names.add(a.kerasName);
        }
        names.addAll(List.of("swish", "none", "identity"));
        return names;
    }

    /** The elementwise function, or null for the identity. */
    UnaryOp op() {
        return op;
    }

    float parameter() {
        return parameter;
    }

    /**
     * Whether the derivative can be computed from the output alone, so the input need not be
     * kept: relu (y > 0 exactly where x > 0), sigmoid and tanh (functions of y).
     */
    boolean derivativeFromOutput() {
        return this == LINEAR || this == RELU || this == SIGMOID || this == TANH;
    }

    /** This activation applied as a separate op, for reference and for the unfused path. */
    public Tensor apply(Tensor x) {
        return this == LINEAR ? x : Pointwise.unary(op, parameter, x);
    }
}
