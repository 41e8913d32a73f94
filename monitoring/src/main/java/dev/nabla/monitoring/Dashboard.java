package dev.nabla.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A live view of training runs in the browser ({@code ./nabla dashboard}): a page served on
 * 127.0.0.1 (JDK's HTTP server, nothing to install) whose script asks {@code /api/runs} once
 * a second for every run's scalars and texts and redraws its SVG charts (losses and metrics,
 * learning rate, gradient norms per parameter, the run's configuration) without reloading.
 * A run is any directory under the runs directory holding TensorBoard event files, such as the
 * {@code train/} and {@code validation/} written by {@link TensorBoard}; new ones appear as
 * they are created.
 */
public final class Dashboard implements AutoCloseable {

    private static final int SEARCH_DEPTH = 4;
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/dashboard.js", "dashboard.js", "/dashboard.css", "dashboard.css");

    private final Path runsDirectory;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Path, RunEvents> runs = new TreeMap<>();

    private Dashboard(Path runsDirectory, HttpServer server, ExecutorService executor) {
        this.runsDirectory = runsDirectory;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the runs under {@code runsDirectory} on 127.0.0.1 at {@code port} (0 for any free
     * one); the directory may not exist yet (a run about to start).
     *
     * @throws IOException if the port cannot be bound (in use, say)
     */
    public static Dashboard start(Path runsDirectory, int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("dashboard: the port must be 0 (any free one) to 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IOException("dashboard: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "nabla-dashboard");
            thread.setDaemon(true);
            return thread;
        });
        Dashboard dashboard = new Dashboard(runsDirectory.toAbsolutePath().normalize(), server, executor);
        server.createContext("/api/runs", dashboard::serveRuns);
        server.createContext("/api/image", dashboard::serveImage);
        server.createContext("/", dashboard::servePage);
        server.setExecutor(executor);
        server.start();
        return dashboard;
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Every run's scalars ({@code [[step, value], ...]} by tag) and texts, as the page reads them. */
    synchronized Map<String, Object> snapshot() throws IOException {
        discoverRuns();
        List<Object> list = new ArrayList<>();
        for (Map.Entry<Path, RunEvents> entry : runs.entrySet()) {
            RunEvents events = entry.getValue();
            events.refresh();
            if (events.scalars().isEmpty() && events.texts().isEmpty() && events.images().isEmpty()) {
                continue;   // only hparams records (a run's own directory): nothing to draw
            }
            Map<String, Object> scalars = new LinkedHashMap<>();
            events.scalars().forEach((tag, points) -> scalars.put(tag, points.stream()
                    .map(p -> Double.isFinite(p.value()) ? List.of(p.step(), p.value()) : List.of(p.step()))
                    .toList()));
            Map<String, Object> run = new LinkedHashMap<>();
            String name = runsDirectory.relativize(entry.getKey()).toString();
            run.put("name", name.isEmpty() ? runsDirectory.getFileName().toString() : name);
            run.put("scalars", scalars);
            run.put("texts", new TreeMap<>(events.texts()));
            Map<String, Object> images = new TreeMap<>();
            events.images().forEach((tag, image) -> images.put(tag, image.step()));
            run.put("images", images);   // tag → step; the bytes come from /api/image
            list.add(run);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directory", runsDirectory.toString());
        out.put("runs", list);
        return out;
    }

    private void discoverRuns() throws IOException {
        if (!Files.isDirectory(runsDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(runsDirectory, SEARCH_DEPTH)) {
            for (Path file : paths.filter(RunEvents::isEventFile).toList()) {
                runs.computeIfAbsent(file.getParent(), RunEvents::new);
            }
        }
    }

    private void serveRuns(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            int status = 200;
            try {
                body = JsonWriter.write(snapshot()).getBytes(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                status = 500;
                body = JsonWriter.write(Map.of("error", String.valueOf(e.getMessage()))).getBytes(StandardCharsets.UTF_8);
            }
            send(exchange, status, "application/json; charset=utf-8", body);
        }
    }

    /** {@code /api/image?run=NAME&tag=TAG}: the latest image of that tag in that run, as PNG. */
    private void serveImage(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            RunEvents.Image image = image(query.getOrDefault("run", ""), query.getOrDefault("tag", ""));
            if (image == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "no such image".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, "image/png", image.encoded());
            }
        }
    }

    private synchronized RunEvents.Image image(String run, String tag) {
        for (Map.Entry<Path, RunEvents> entry : runs.entrySet()) {
            String name = runsDirectory.relativize(entry.getKey()).toString();
            if ((name.isEmpty() ? runsDirectory.getFileName().toString() : name).equals(run)) {
                return entry.getValue().images().get(tag);
            }
        }
        return null;
    }

    private void servePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String resource = PAGES.get(exchange.getRequestURI().getPath());
            if (resource == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + resource)) {
                body = in.readAllBytes();
            }
            String type = resource.endsWith(".js") ? "text/javascript" : resource.endsWith(".css") ? "text/css"
                    : "text/html";
            send(exchange, 200, type + "; charset=utf-8", body);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
