package dev.nabla.kernels;

/**
 * Thrown by {@link KernelProvider#get()} when {@code NABLA_REQUIRE_VECTOR=1} asks for the
 * vector kernels and this JVM can only run the scalar ones; the message says why and how
 * to fix it (usually: add {@code --add-modules jdk.incubator.vector} to the java command).
 */
public final class VectorKernelsUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An exception with the reason and the fix. */
    public VectorKernelsUnavailableException(String message) {
        super(message);
    }
}
