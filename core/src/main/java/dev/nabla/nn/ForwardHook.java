package dev.nabla.nn;

/** A hook added by {@link Layer#addForwardHook}; closing it removes the hook (PyTorch's {@code RemovableHandle}). */
@FunctionalInterface
public interface ForwardHook extends AutoCloseable {

    /** Removes the hook; closing twice does nothing more. */
    @Override
    void close();
}
