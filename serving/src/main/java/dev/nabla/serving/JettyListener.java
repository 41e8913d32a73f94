package dev.nabla.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@link HttpEngine#JETTY}: Jetty 12's core server (no servlets), its selector thread parsing
 * HTTP and each request's handling, which blocks until its batch is run, on its thread pool
 * (on virtual threads with {@code -Dnabla.jetty.virtual=true}).
 */
final class JettyListener implements Listener {

    private final Server server;
    private final ServerConnector connector;

    JettyListener(String host, int port, Endpoints endpoints) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("nabla-http");
        if (Boolean.getBoolean("nabla.jetty.virtual")) {
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(configuration));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try {
                    endpoints.handle(new JettyExchange(request, response));
                    callback.succeeded();
                } catch (Throwable e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        server.setStopTimeout(1000);
    }

    @Override
    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            stop(0);
            throw e;
        } catch (Exception e) {
            stop(0);
            throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop(int seconds) {
        server.setStopTimeout(seconds * 1000L);
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping closes what it can; a failure to close one part leaves nothing to retry.
        }
    }

    private record JettyExchange(Request request, Response response) implements Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return request.getHttpURI().getPath();
        }

        @Override
        public String query() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public InputStream body() {
            return Content.Source.asInputStream(request);
        }

        @Override
        public String remoteAddress() {
            return Request.getRemoteAddr(request);
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            response.setStatus(status);
            headers.forEach(response.getHeaders()::put);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            FutureCallback written = new FutureCallback();
            response.write(true, ByteBuffer.wrap(body), written);
            try {
                written.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while answering");
            } catch (ExecutionException e) {
                throw new IOException("the answer could not be sent: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
