package dev.nabla.serving;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A bounded, self-stopping HTTP load generator: {@code connections} keep-alive connections,
 * each sending its next request as soon as the last is answered (a closed loop), until
 * {@code requests} have been sent or the time is up. Requests cycle through a list of
 * {@link Payload}s, each with the status it must get and an optional check of the answer. It
 * speaks just enough HTTP/1.1 over plain sockets to add little time of its own.
 */
public final class LoadGenerator {

    /** One kind of request: a POST of {@code body} to {@code path}, the status it must get, a check of the answer (or null). */
    public record Payload(String path, byte[] body, int expectedStatus, Predicate<byte[]> check) {
    }

    /**
     * What a run measured.
     *
     * @param connections  concurrent connections
     * @param seconds      wall time of the run
     * @param statuses     answers by HTTP status; -1 counts requests sent but never answered
     * @param mismatches   answers whose status or body was not the expected one
     * @param firstMismatch a description of the first, or null
     * @param latencyNanos every request's time, sorted
     */
    public record Result(int connections, double seconds, Map<Integer, Long> statuses, long mismatches,
            String firstMismatch, long[] latencyNanos) {

        public long requests() {
            return latencyNanos.length;
        }

        public double requestsPerSecond() {
            return requests() / seconds;
        }

        /** The latency below which a fraction {@code p} of requests fall, in milliseconds. */
        public double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencyNanos.length - 1, Math.ceil(p * latencyNanos.length) - 1);
            return latencyNanos[Math.max(0, index)] / 1e6;
        }

        /** Answers with a 5xx status. */
        public long serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private LoadGenerator() {
    }

    /** Runs the load against {@code host:port}; stops after {@code requests} requests or {@code maxSeconds}. */
    public static Result run(String host, int port, List<Payload> payloads, int connections, long requests,
            double maxSeconds) throws InterruptedException {
        if (connections < 1 || requests < 1 || payloads.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one connection, request and payload");
        }
        AtomicLong next = new AtomicLong();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder mismatches = new LongAdder();
        AtomicReference<String> firstMismatch = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[][] mine = {new long[1024], {0}};
            Thread thread = Thread.ofPlatform().name("load-" + c).start(() -> {
                Connection connection = null;
                for (long i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    Payload payload = payloads.get((int) (i % payloads.size()));
                    long sent = System.nanoTime();
                    int status;
                    byte[] answer = null;
                    if (connection == null) {
                        try {
                            connection = new Connection(host, port);
                        } catch (IOException refused) {
                            // Nothing listens (any more): this connection's share of the load ends here.
                            record(mine, System.nanoTime() - sent);
                            statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                            break;
                        }
                    }
                    try {
                        answer = connection.post(payload.path(), payload.body());
                        status = connection.status;
                        if (connection.closedByServer) {
                            connection.close();
                            connection = null;
                        }
                    } catch (IOException e) {
                        status = -1;
                        connection = null;
                    }
                    record(mine, System.nanoTime() - sent);
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (status != payload.expectedStatus()
                            || status == 200 && payload.check() != null && !payload.check().test(answer)) {
                        mismatches.increment();
                        String body = answer == null ? "" : new String(answer, StandardCharsets.UTF_8);
                        firstMismatch.compareAndSet(null, payload.path() + " answered " + status + " (expected "
                                + payload.expectedStatus() + "): " + body.substring(0, Math.min(300, body.length())));
                    }
                }
                if (connection != null) {
                    connection.close();
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], (int) mine[1][0]));
                }
            });
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return new Result(connections, seconds, counts, mismatches.sum(), firstMismatch.get(), all);
    }

    private static void record(long[][] buffer, long nanos) {
        int size = (int) buffer[1][0];
        if (size == buffer[0].length) {
            buffer[0] = Arrays.copyOf(buffer[0], size * 2);
        }
        buffer[0][size] = nanos;
        buffer[1][0] = size + 1;
    }

    /** One keep-alive HTTP/1.1 connection. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] hostHeader;
        int status;
        boolean closedByServer;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            hostHeader = ("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        byte[] post(String path, byte[] body) throws IOException {
            out.write(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(hostHeader);
            out.write(("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            int length = 0;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] answer = in.readNBytes(length);
            if (answer.length < length) {
                throw new IOException("the answer ended after " + answer.length + " of " + length + " bytes");
            }
            closedByServer = close;
            return answer;
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after the run: nothing is left to lose
            }
        }
    }
}
