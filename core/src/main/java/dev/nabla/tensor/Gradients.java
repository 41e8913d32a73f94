package dev.nabla.tensor;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gradients of an output with respect to chosen tensors, returned instead of accumulated into
 * {@link Tensor#grad()} (PyTorch's {@code torch.autograd.grad}). The tensors may be any that
 * the output was computed from through recorded ops, inputs as well as parameters.
 *
 * <p>With {@code createGraph} the gradients are computed with recorded ops, so they are
 * themselves differentiable: a penalty on a gradient (WGAN-GP's, a Jacobian regularizer) can be
 * back-propagated to the parameters. Ordinary {@link Tensor#backward()} never takes this path.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Generator(1), 8, 3).requiresGrad(true);
 * Tensor y = x.tanh().pow(2f).sum();
 * Tensor dx = Gradients.differentiable(y, x)[0];   // d y / d x, itself a graph
 * dx.norm().backward();                             // second derivatives land in x.grad()
 * }</pre>
 *
 * <p>Differentiable so far: linear and matmul, conv1d, conv2d and convTranspose2d, the
 * arithmetic ops, the unary ops and activations, sums, means, norms, max and min, softmax,
 * reshapes and views, concat, pad; other ops throw an {@link UnsupportedOperationException}
 * naming themselves when their backward would have to be differentiated.
 */
public final class Gradients {

    private Gradients() {
    }

    /** d output / d input for each input, for a one-element output; releases the graph. */
    public static Tensor[] of(Tensor output, Tensor... inputs) {
        return compute(output, null, false, false, inputs);
    }

    /** d output / d input for each input as recorded, differentiable tensors; keeps the graph. */
    public static Tensor[] differentiable(Tensor output, Tensor... inputs) {
        return compute(output, null, true, true, inputs);
    }

    /**
     * The vector-Jacobian products {@code gradOutput · d output / d input} (gradOutput null means
     * 1 for a one-element output). With {@code createGraph} they are recorded (and may require
     * grad through gradOutput too); with {@code retainGraph} the output's graph may be used again.
     *
     * @throws IllegalArgumentException when an input does not require grad or the output does
     *         not depend on it
     */
    public static Tensor[] compute(Tensor output, Tensor gradOutput, boolean createGraph, boolean retainGraph,
                                   Tensor... inputs) {
        Set<Tensor> wanted = identitySet();
        for (int k = 0; k < inputs.length; k++) {
            if (!inputs[k].requiresGrad()) {
                throw new IllegalArgumentException("gradients: input " + k + " (shape " + inputs[k].shape()
                        + ") does not require grad; call requiresGrad(true) on it before computing the output");
            }
            wanted.add(inputs[k]);
        }
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("gradients: the output does not require grad, so it does not depend"
                    + " on any of the inputs through recorded ops (was it computed inside NoGrad?)");
        }
        Tensor seed = createGraph && gradOutput != null ? checked(output, gradOutput)
                : Autograd.seedGradient(output, gradOutput);
        List<Tensor> order = Autograd.topologicalOrder(output);
        Set<Tensor> reaching = reaching(order, wanted);
        for (int k = 0; k < inputs.length; k++) {
            if (!reaching.contains(inputs[k])) {
                throw new IllegalArgumentException("gradients: the output does not depend on input " + k
                        + " (shape " + inputs[k].shape() + ")");
            }
        }
        Map<Tensor, Tensor> found = new IdentityHashMap<>();
        try (NoGrad scope = createGraph ? null : NoGrad.enter()) {
            walk(order, seed, reaching, wanted, found, createGraph);
        }
        if (!retainGraph) {
            for (Tensor t : order) {
                if (t.node() != null) {
                    t.node().release();
                }
            }
        }
        Tensor[] result = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            result[k] = found.get(inputs[k]);
        }
        return result;
    }

    private static Tensor checked(Tensor output, Tensor gradOutput) {
        if (!gradOutput.shape().equals(output.shape())) {
            throw new IllegalArgumentException("gradients: gradOutput shape " + gradOutput.shape()
                    + " differs from the output shape " + output.shape());
        }
        return gradOutput;
    }

    /** The tensors of the graph from which some wanted tensor can be reached (the wanted included). */
    private static Set<Tensor> reaching(List<Tensor> order, Set<Tensor> wanted) {
        Set<Tensor> reaching = identitySet();
        for (Tensor t : order) { // inputs come before the outputs computed from them
            boolean reaches = wanted.contains(t);
            Tensor[] inputs = t.node() == null ? new Tensor[0] : t.node().inputs();
            for (int k = 0; k < inputs.length && !reaches; k++) {
                reaches = inputs[k] != null && reaching.contains(inputs[k]);
            }
            if (reaches) {
                reaching.add(t);
            }
        }
        return reaching;
    }

    private static void walk(List<Tensor> order, Tensor seed, Set<Tensor> reaching, Set<Tensor> wanted,
                             Map<Tensor, Tensor> found, boolean createGraph) {
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(order.getLast(), seed);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Tensor g = grads.remove(t);
            if (g == null || !reaching.contains(t)) {
                continue;
            }
            if (wanted.contains(t)) {
                found.put(t, g);
            }
            Node node = t.node();
            if (node == null) {
                continue;
            }
            Tensor[] inputs = node.inputs();
            boolean[] needed = new boolean[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                needed[k] = inputs[k] != null && inputs[k].requiresGrad() && reaching.contains(inputs[k]);
            }
            Tensor[] inputGrads = createGraph ? node.graphBackward(g, needed) : node.backward(g);
            for (int k = 0; k < inputs.length; k++) {
                if (needed[k] && inputGrads[k] != null) {
                    grads.merge(inputs[k], matching(node, k, inputs[k], inputGrads[k]), Tensor::add);
                }
            }
        }
    }

    private static Tensor matching(Node node, int k, Tensor input, Tensor gradient) {
        if (!gradient.shape().equals(input.shape())) {
            throw new IllegalStateException("gradients of '" + node.op + "': gradient for input " + k
                    + " has shape " + gradient.shape() + " but the input has shape " + input.shape());
        }
        return gradient.dtype() != input.dtype() && input.dtype() != DType.INT32 ? gradient.to(input.dtype()) : gradient;
    }

    private static Set<Tensor> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
