package dev.nabla.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records ops into the graph and runs reverse-mode differentiation over it. */
final class Autograd {

    private Autograd() {
    }

    /**
     * Attaches {@code backward} to {@code output} when grad mode is on and some input
     * requires grad; returns {@code output}.
     */
    static Tensor record(String op, Tensor output, Node.Backward backward, Tensor... inputs) {
        return record(op, output, backward, null, inputs);
    }

    /**
     * {@link #record} for an op whose backward is written with tensor ops only: run with
     * recording on, it is itself a graph, so the op supports gradients of gradients.
     */
    static Tensor recordComposed(String op, Tensor output, Node.Backward backward, Tensor... inputs) {
        return record(op, output, backward, (g, needed) -> backward.apply(g), inputs);
    }

    /**
     * {@link #record} with a second backward, for {@link Gradients#compute} with {@code createGraph}:
     * {@code backward} is the fast path of ordinary training, {@code graphBackward} the same
     * gradients written with recorded tensor ops.
     */
    static Tensor record(String op, Tensor output, Node.Backward backward, Node.GraphBackward graphBackward,
                         Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) {
            return output;
        }
        for (Tensor input : inputs) {
            if (input != null && input.requiresGrad()) {
                output.attach(new Node(op, backward, graphBackward, inputs));
                return output;
            }
        }
        return output;
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: this tensor does not require grad and has no graph;"
                    + " call requiresGrad(true) on the leaf tensors you want gradients for"
                    + " before computing it, and do not compute it inside NoGrad");
        }
        Tensor seed = seedGradient(root, gradient);
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (t.node() == null || t.retainsGrad()) {
                    t.accumulateGrad(g);
                }
                if (t.node() != null) {
                    propagate(t.node(), g, grads);
                }
            }
        }
        if (!retainGraph) {
            for (Tensor t : order) {
                if (t.node() != null) {
                    t.node().release();
                }
            }
        }
    }

    static Tensor seedGradient(Tensor root, Tensor gradient) {
        if (gradient == null) {
            if (root.size() != 1) {
                throw new IllegalArgumentException("backward: a gradient can be created implicitly only for a"
                        + " scalar output, but the output has shape " + root.shape()
                        + "; reduce it first (sum() or mean()) or pass a gradient of that shape");
            }
            return Tensor.ones(root.shape().toArray()).to(DType.floating(root));
        }
        if (!gradient.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + gradient.shape()
                    + " differs from the output shape " + root.shape());
        }
        return gradient.detach();
    }

    private static void propagate(Node node, Tensor g, Map<Tensor, Tensor> grads) {
        Tensor[] inputs = node.inputs();
        Tensor[] inputGrads = node.backward(g);
        for (int k = 0; k < inputs.length; k++) {
            Tensor input = inputs[k];
            if (input == null || !input.requiresGrad() || inputGrads[k] == null) {
                continue;
            }
            Tensor ig = inputGrads[k];
            if (!ig.shape().equals(input.shape())) {
                throw new IllegalStateException("backward of '" + node.op + "': gradient for input " + k
                        + " has shape " + ig.shape() + " but the input has shape " + input.shape());
            }
            if (ig.dtype() != input.dtype() && input.dtype() != DType.INT32) {
                ig = ig.to(input.dtype()); // a gradient has its tensor's dtype, as in PyTorch
            }
            grads.merge(input, ig, Tensor::add);
        }
    }

    /** Every tensor the root depends on through tensors that require grad, inputs before outputs. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<int[]> nextInput = new ArrayDeque<>();
        visited.add(root);
        stack.push(root);
        nextInput.push(new int[1]);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            Node node = t.node();
            if (node != null && node.isReleased()) {
                throw new IllegalStateException("backward: trying to go back through the graph a second time:"
                        + " the graph of '" + node.op + "' was released by an earlier backward();"
                        + " call backward(gradient, true) the first time to retain it");
            }
            Tensor[] inputs = node == null ? null : node.inputs();
            int[] next = nextInput.peek();
            Tensor child = null;
            while (inputs != null && next[0] < inputs.length && child == null) {
                Tensor candidate = inputs[next[0]++];
                if (candidate != null && candidate.requiresGrad() && visited.add(candidate)) {
                    child = candidate;
                }
            }
            if (child != null) {
                stack.push(child);
                nextInput.push(new int[1]);
            } else {
                stack.pop();
                nextInput.pop();
                order.add(t);
            }
        }
        return order;
    }
}
