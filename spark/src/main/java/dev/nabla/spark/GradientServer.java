package dev.nabla.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The driver's end of synchronous gradient averaging: a TCP service on the driver's address that
 * each barrier task connects to for the epoch, one virtual thread per connection, all meeting at
 * one {@link GradientRendezvous}. Spark's own {@code BarrierTaskContext.allGather} would do the
 * same through the driver, but it polls once a second, which costs 0.5–1 s per step.
 *
 * <p>The wire format, per connection: the task sends its stage attempt and partition (two ints),
 * then per step the gradient's length and values; the server answers each step with the mean.
 */
final class GradientServer implements AutoCloseable {

    private final ServerSocket socket;
    private final GradientRendezvous rendezvous;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** A server on {@code host} (the driver's address tasks can reach), on a free port. */
    GradientServer(String host, int workers) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName(host));
        rendezvous = new GradientRendezvous(workers);
        acceptor = Thread.ofVirtual().name("nabla-gradient-server").start(this::accept);
    }

    /** The address tasks connect to. */
    String host() {
        return socket.getInetAddress().getHostAddress();
    }

    /** The port tasks connect to. */
    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread.ofVirtual().name("nabla-gradient-replica").start(() -> serve(connection));
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream(), 1 << 16));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(connection.getOutputStream(),
                     1 << 16))) {
            int attempt = in.readInt();
            int partition = in.readInt();
            try {
                exchange(in, out, attempt, partition);
            } catch (IOException e) {
                rendezvous.abandon(attempt);   // the task died mid-epoch: its partners must not wait for it
            }
        } catch (IOException | IllegalStateException e) {
            // a newer attempt took over, or the connection broke before it began; Spark reports the task's failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(connection);
        }
    }

    private void exchange(DataInputStream in, DataOutputStream out, int attempt, int partition)
            throws IOException, InterruptedException {
        while (true) {
            float[] gradient = FloatStreams.read(in);
            if (gradient == null) {
                return;   // the task finished its epoch
            }
            FloatStreams.write(out, rendezvous.contribute(attempt, partition, gradient));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        rendezvous.close();
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.interrupt();
    }
}
