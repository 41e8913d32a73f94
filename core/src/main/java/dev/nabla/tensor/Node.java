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

    final String op;
    private Tensor[] inputs;
    private Backward backward;

    Node(String op, Backward backward, Tensor[] inputs) {
        this.op = op;
        this.backward = backward;
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

    void release() {
        if (backward != null) {
            backward.released();
        }
        backward = null;
        inputs = null;
    }
}
