package dev.nabla.spark;

import dev.nabla.nn.Parameter;
import dev.nabla.tensor.NoGrad;
import dev.nabla.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A barrier task's end of gradient averaging: one connection to the driver's {@link GradientServer}
 * for the epoch; each step sends the replica's gradients packed in one array and puts the mean it
 * gets back into the parameters' gradients.
 */
final class DriverGradientExchange implements GradientExchange, Closeable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private long nanos;

    DriverGradientExchange(String host, int port, int attempt, int partition) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        out.writeInt(attempt);
        out.writeInt(partition);
    }

    @Override
    public void average(List<Parameter> parameters) {
        long start = System.nanoTime();
        List<Parameter> withGradients = new ArrayList<>();
        int count = 0;
        for (Parameter parameter : parameters) {
            if (parameter.grad() != null) {
                withGradients.add(parameter);
                count += parameter.size();
            }
        }
        float[] packed = new float[count];
        int position = 0;
        for (Parameter parameter : withGradients) {
            float[] gradient = parameter.grad().toFloatArray();
            System.arraycopy(gradient, 0, packed, position, gradient.length);
            position += gradient.length;
        }
        float[] mean;
        try {
            FloatStreams.write(out, packed);
            out.flush();
            mean = FloatStreams.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the gradient exchange with the driver failed: " + e.getMessage(), e);
        }
        if (mean == null || mean.length != count) {
            throw new IllegalStateException("the driver ended the gradient exchange (a newer stage attempt runs)");
        }
        position = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (Parameter parameter : withGradients) {
                float[] values = new float[parameter.size()];
                System.arraycopy(mean, position, values, 0, values.length);
                parameter.grad().assign(Tensor.of(values, parameter.shape().toArray()));
                position += values.length;
            }
        }
        nanos += System.nanoTime() - start;
    }

    /** The seconds spent in {@link #average} so far. */
    double seconds() {
        return nanos / 1e9;
    }

    @Override
    public void close() throws IOException {
        try {
            FloatStreams.writeEnd(out);
            out.flush();
        } finally {
            socket.close();
        }
    }
}
