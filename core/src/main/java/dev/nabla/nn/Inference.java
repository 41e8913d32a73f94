package dev.nabla.nn;

import dev.nabla.tensor.NoGrad;

/**
 * A per-thread scope in which every layer behaves as in evaluation mode (dropout off, batch
 * norm on its running statistics) and no graph is recorded, whatever mode the layers are in:
 * PyTorch's {@code model.eval()} plus {@code torch.inference_mode()}, without changing the
 * model. Unlike {@link Layer#eval()}, which sets a flag on the shared model, the scope belongs
 * to the thread that entered it, so any number of threads may predict with one model at once
 * while another trains it in training mode (each seeing the weights as they are).
 *
 * <pre>{@code
 * try (Inference ignored = Inference.enter()) {
 *     Tensor probabilities = model.forward(images);
 * }
 * }</pre>
 *
 * Scopes nest.
 */
public final class Inference implements AutoCloseable {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final NoGrad noGrad;
    private boolean closed;

    private Inference() {
        noGrad = NoGrad.enter();
    }

    /** Evaluation behaviour and no graph on this thread until the returned scope is closed. */
    public static Inference enter() {
        DEPTH.get()[0]++;
        return new Inference();
    }

    /** Whether this thread is inside an inference scope. */
    public static boolean isActive() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            noGrad.close();
            DEPTH.get()[0]--;
        }
    }
}
