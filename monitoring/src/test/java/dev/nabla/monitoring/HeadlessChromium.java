package dev.nabla.monitoring;

import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, showing one page, driven over the DevTools protocol
 * with the JDK's WebSocket client: {@link #evaluate} runs JavaScript in the page and returns
 * its value. Everything it starts stops in {@link #close}.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final HttpClient client = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<?, ?>>> replies = new ConcurrentHashMap<>();
    private long nextId = 1;

    HeadlessChromium(URI page, Path profile) throws Exception {
        process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, page.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = debuggingPort();
            String target = pageSocket(port, page);
            socket = client.newWebSocketBuilder().buildAsync(URI.create(target), new Replies()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            stopProcess();
            throw e;
        }
    }

    /** The value of {@code expression} in the page (a string, number, boolean, or null). */
    Object evaluate(String expression) throws Exception {
        long id;
        CompletableFuture<Map<?, ?>> reply = new CompletableFuture<>();
        synchronized (this) {
            id = nextId++;
            replies.put(id, reply);
        }
        String message = JsonWriter.write(Map.of("id", id, "method", "Runtime.evaluate",
                "params", Map.of("expression", expression, "returnByValue", true)));
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
        Map<?, ?> result = (Map<?, ?>) reply.get(10, TimeUnit.SECONDS).get("result");
        Map<?, ?> value = (Map<?, ?>) result.get("result");
        return value.get("value");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        } finally {
            stopProcess();
            client.close();
        }
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port Chromium chose, from the line it prints on stderr. */
    private int debuggingPort() throws IOException {
        BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = errors.readLine(); line != null; line = errors.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> errors.lines().forEach(ignored -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
            seen.append(line).append('\n');
        }
        throw new IOException("chromium exited without a DevTools port; it printed:\n" + seen);
    }

    /** The DevTools WebSocket address of the tab showing {@code page}. */
    private String pageSocket(int port, URI page) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (Object entry : (List<?>) JsonReader.parseDocument(response.body())) {
                Map<?, ?> target = (Map<?, ?>) entry;
                if ("page".equals(target.get("type")) && String.valueOf(target.get("url")).startsWith(page.toString())) {
                    return (String) target.get("webSocketDebuggerUrl");
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("chromium shows no tab with " + page);
    }

    /** Routes each DevTools reply to the call waiting for its id; events are ignored. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    Map<?, ?> message = (Map<?, ?>) JsonReader.parseDocument(text.toString().getBytes(StandardCharsets.UTF_8));
                    Object id = message.get("id");
                    if (id instanceof Number number) {
                        CompletableFuture<Map<?, ?>> reply = replies.remove(number.longValue());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    replies.values().forEach(reply -> reply.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
