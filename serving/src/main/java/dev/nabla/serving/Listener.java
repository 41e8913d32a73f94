package dev.nabla.serving;

import java.io.IOException;

/** A listening HTTP server that hands every request to {@link Endpoints}. */
interface Listener {

    /** Binds and starts accepting. */
    void start() throws IOException;

    /** The port bound (the chosen one for port 0). */
    int port();

    /** Stops accepting and closes the port, giving requests in flight up to {@code seconds}. */
    void stop(int seconds);

    static Listener create(HttpEngine engine, String host, int port, Endpoints endpoints) throws IOException {
        return engine == HttpEngine.JETTY ? new JettyListener(host, port, endpoints) : new JdkListener(host, port, endpoints);
    }
}
