package dev.nabla.optim;

import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * L1 and L2 penalties on chosen weights, summed into one term to add to the loss (Keras's
 * {@code kernel_regularizer} with {@code regularizers.L1}, {@code L2}, {@code L1L2}):
 *
 * <pre>{@code
 * var regularization = new Regularization()
 *         .l2(1e-4f, model)                    // every "weight" in the model, not the biases
 *         .l1(1e-5f, embedding.weight());
 * Tensor loss = dataLoss.add(regularization.penalty());
 * }</pre>
 *
 * <p>With Keras's semantics, L2 adds {@code factor·Σw²} and L1 adds {@code factor·Σ|w|}.
 * An L2 penalty adds {@code 2·factor·w} to the gradient, so for plain SGD it equals weight
 * decay {@code 2·factor} (PyTorch's {@code weight_decay}). The two part ways elsewhere: the
 * penalty is part of the loss (it shows in the reported loss, and momentum and adaptive
 * optimizers rescale its gradient like any other), while {@link AdamW}'s decoupled weight
 * decay shrinks the weights directly, outside the adaptive scaling.
 */
public final class Regularization {

    private record Term(Parameter weight, float l1, float l2) {
    }

    private final List<Term> terms = new ArrayList<>();

    /** Adds {@code factor·Σw²} for each of {@code weights}; returns this. */
    public Regularization l2(float factor, Parameter... weights) {
        return add(0f, factor, weights);
    }

    /** Adds {@code factor·Σ|w|} for each of {@code weights}; returns this. */
    public Regularization l1(float factor, Parameter... weights) {
        return add(factor, 0f, weights);
    }

    /** Adds both penalties for each of {@code weights} (Keras's {@code L1L2}); returns this. */
    public Regularization l1l2(float l1, float l2, Parameter... weights) {
        return add(l1, l2, weights);
    }

    /** Adds {@code factor·Σw²} for every parameter named {@code weight} in the layer and its descendants. */
    public Regularization l2(float factor, Layer layer) {
        return l2(factor, weightsOf(layer));
    }

    /** Adds {@code factor·Σ|w|} for every parameter named {@code weight} in the layer and its descendants. */
    public Regularization l1(float factor, Layer layer) {
        return l1(factor, weightsOf(layer));
    }

    private Regularization add(float l1, float l2, Parameter[] weights) {
        Optimizer.checkNonNegative("Regularization: l1", l1);
        Optimizer.checkNonNegative("Regularization: l2", l2);
        for (Parameter w : weights) {
            terms.add(new Term(w, l1, l2));
        }
        return this;
    }

    private static Parameter[] weightsOf(Layer layer) {
        return layer.namedParameters().entrySet().stream()
                .filter(e -> e.getKey().equals("weight") || e.getKey().endsWith(".weight"))
                .map(java.util.Map.Entry::getValue).toArray(Parameter[]::new);
    }

    /** The sum of all penalties, a scalar that gradients flow through (0 when there are none). */
    public Tensor penalty() {
        Tensor total = Tensor.scalar(0f);
        for (Term t : terms) {
            Tensor w = t.weight().value();
            if (t.l1() != 0) {
                total = total.add(w.abs().sum().mul(t.l1()));
            }
            if (t.l2() != 0) {
                total = total.add(w.mul(w).sum().mul(t.l2()));
            }
        }
        return total;
    }

    /** The number of (weight, penalty) pairs attached. */
    public int size() {
        return terms.size();
    }
}
