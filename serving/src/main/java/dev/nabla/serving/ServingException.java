package dev.nabla.serving;

/**
 * A request the server answers with an error status and {@code {"error": message}}: 400 for
 * bad input, 404 for an unknown model, 413 for a body over the limit, 503 when the queue is
 * full or the server is stopping, 504 when the request's time ran out.
 */
public final class ServingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ServingException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
