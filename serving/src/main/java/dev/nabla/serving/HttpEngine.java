package dev.nabla.serving;

/**
 * The HTTP server under an {@link InferenceServer}: the JDK's own {@code com.sun.net.httpserver}
 * with a virtual thread per request (the default), or Jetty 12's core server with its request
 * handling on its thread pool. With a trivial handler Jetty answered 2.7 times the JDK server's
 * requests at 64 connections, but serving a model, where each request blocks until its batch is
 * run, the JDK server served more in the same runs (docs/serving.md gives both).
 */
public enum HttpEngine {
    JDK,
    JETTY;

    /** {@code jetty} or {@code jdk}, as the command line writes it. */
    public static HttpEngine parse(String name) {
        for (HttpEngine engine : values()) {
            if (engine.name().equalsIgnoreCase(name.trim())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("the HTTP engine is jetty or jdk, got '" + name + "'");
    }
}
