package dev.nabla.train;

import dev.nabla.optim.LossScaling;
import dev.nabla.tensor.Autocast;
import dev.nabla.nn.Masks;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The dtypes a model computes and keeps its weights in, Keras's {@code DTypePolicy}:
 * {@link #MIXED_BFLOAT16} keeps float32 weights and optimizer state (so small updates are not
 * lost) and computes the products (dense, convolution, matmul) in bfloat16 with float32
 * accumulation, their results, the activations, in bfloat16 (half the memory). The loss is
 * computed in float32 on the outputs cast back. {@link #MIXED_FLOAT16} does the same in float16,
 * whose small range needs loss scaling: {@code fit} scales dynamically unless given a
 * {@link LossScaling}, as Keras wraps the optimizer in a {@code LossScaleOptimizer}.
 *
 * <pre>{@code
 * model.dtypePolicy(DTypePolicy.MIXED_BFLOAT16);      // or DTypePolicy.of("mixed_bfloat16")
 * }</pre>
 */
public enum DTypePolicy {
    /** Everything in float32 (the default). */
    FLOAT32("float32", DType.FLOAT32),
    /** bfloat16 products and activations, float32 weights and optimizer state. */
    MIXED_BFLOAT16("mixed_bfloat16", DType.BFLOAT16),
    /** float16 products and activations, float32 weights and optimizer state, dynamic loss scaling. */
    MIXED_FLOAT16("mixed_float16", DType.FLOAT16);

    private final String kerasName;
    private final DType computeDtype;

    DTypePolicy(String kerasName, DType computeDtype) {
        this.kerasName = kerasName;
        this.computeDtype = computeDtype;
    }

    /**
     * The policy of Keras's name ({@code float32}, {@code mixed_bfloat16}, {@code mixed_float16}).
     *
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static DTypePolicy of(String name) {
        for (DTypePolicy policy : values()) {
            if (policy.kerasName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown dtype policy '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(DTypePolicy::kerasName).toList()));
    }

    /** Keras's name of the policy. */
    public String kerasName() {
        return kerasName;
    }

    /** The dtype of the products and activations (Keras's {@code compute_dtype}). */
    public DType computeDtype() {
        return computeDtype;
    }

    /** The dtype of the weights and optimizer state (Keras's {@code variable_dtype}): float32. */
    public DType variableDtype() {
        return DType.FLOAT32;
    }

    /** The options {@code fit} uses under this policy: dynamic loss scaling added for float16 when none is given. */
    GradientOptions gradients(GradientOptions options) {
        return this == MIXED_FLOAT16 && options.lossScaling() == null
                ? options.lossScaling(LossScaling.dynamic()) : options;
    }

    /** The network's outputs computed under this policy, in float32. */
    Tensor forward(Supplier<Tensor> forward) {
        if (this == FLOAT32) {
            return forward.get();
        }
        Tensor outputs;
        try (Autocast ignored = Autocast.enter(computeDtype)) {
            outputs = forward.get();
        }
        return outputs.dtype().isHalf() ? Masks.attach(outputs.to(DType.FLOAT32), Masks.of(outputs)) : outputs;
    }
}
