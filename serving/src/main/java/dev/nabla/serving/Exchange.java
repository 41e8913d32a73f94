package dev.nabla.serving;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** One HTTP request and its answer, as {@link Endpoints} sees it, whichever {@link HttpEngine} carries it. */
interface Exchange {

    String method();

    /** The path, undecoded. */
    String path();

    /** The query, undecoded, or null. */
    String query();

    /** A request header's first value, or null. */
    String header(String name);

    InputStream body() throws IOException;

    /** The client's IP address. */
    String remoteAddress();

    /** Sends the answer, with its length, and returns once it is written. */
    void respond(int status, Map<String, String> headers, byte[] body) throws IOException;
}
