package dev.nabla.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@link HttpEngine#JDK}: the JDK's own HTTP server, one virtual thread per request. */
final class JdkListener implements Listener {

    private final HttpServer http;
    private final ExecutorService requests;

    JdkListener(String host, int port, Endpoints endpoints) throws IOException {
        // Without TCP_NODELAY an answer written as headers then body waits for the client's delayed
        // acknowledgement (40 ms on Linux); the JDK server reads this property once, when first used.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        http = HttpServer.create(new InetSocketAddress(host, port), 1024);
        requests = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(requests);
        http.createContext("/", exchange -> endpoints.handle(new JdkExchange(exchange)));
    }

    @Override
    public void start() {
        http.start();
    }

    @Override
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void stop(int seconds) {
        http.stop(seconds);
        requests.close();
    }

    private record JdkExchange(HttpExchange exchange) implements Exchange {
        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String path() {
            return exchange.getRequestURI().getRawPath();
        }

        @Override
        public String query() {
            return exchange.getRequestURI().getRawQuery();
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public InputStream body() {
            return exchange.getRequestBody();
        }

        @Override
        public String remoteAddress() {
            return exchange.getRemoteAddress().getAddress().getHostAddress();
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::set);
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                out.write(body);
            }
        }
    }
}
