package dev.nabla.tensor;

/**
 * One recorded op in the graph: which op, its inputs, and how to push a gradient back to
 * them. Released after backward (unless the graph is retained) so the inputs can be freed.
 */
final class Node {

    /** Gradients of an op's inputs from the gradient of its output; null where none is needed. */
    @FunctionalInterface
    interface Backward {
        Tensor[] apply(Tensor gradOutput);

        /**
         * Called once when the graph is released after backward: nothing will call
         * {@link #apply} again, so an op may hand back scratch it kept for it.
         */
        default void released() {
        }
    }

    /**
     * The same gradients written with recorded tensor ops, so that they are themselves
     * differentiable (PyTorch's {@code create_graph=True}); {@code needed[k]} says whether input k's
     * gradient is wanted, so an op may skip the others (and return null for them).
     */
    @FunctionalInterface
    interface GraphBackward {
        Tensor[] apply(Tensor gradOutput, boolean[] needed);
    }

    final String op;
    private Tensor[] inputs;
    private Backward backward;
    private GraphBackward graphBackward;

    Node(String op, Backward backward, GraphBackward graphBackward, Tensor[] inputs) {
        this.op = op;
        this.backward = backward;
        this.graphBackward = graphBackward;
        this.inputs = inputs;
    }

    boolean isReleased() {
        return backward == null;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] backward(Tensor gradOutput) {
        return backward.apply(gradOutput);
    }

    /** The gradients as a recorded graph, or an error naming the op when it has no such rule yet. */
    Tensor[] graphBackward(Tensor gradOutput, boolean[] needed) {
        if (graphBackward == null) {
            throw new UnsupportedOperationException("gradients with createGraph: the backward of '" + op
                    + "' is not differentiable yet (differentiable so far: linear and matmul, conv1d, conv2d and"
                    + " convTranspose2d, the arithmetic and unary ops, reductions, reshapes and views); compute"
                    + " these gradients without createGraph, or build the function from those ops");
        }
        return graphBackward.apply(gradOutput, needed);
    }

    void release() {
        if (backward != null) {
            backward.released();
        }
        backward = null;
        graphBackward = null;
        inputs = null;
    }
}
