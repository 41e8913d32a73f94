package dev.nabla.serving;

import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One model a server answers for: its name and version in the URLs
 * ({@code /v2/models/NAME/versions/VERSION/infer}), the network, one sample's shape (the
 * request's tensor is {@code [batch, ...sampleShape]}), and optionally the class names and a
 * {@link SampleReader} for the convenience endpoint {@code /v1/models/NAME:predict}.
 *
 * <pre>{@code
 * ServedModel cnn = ServedModel.of("fashion", network, 1, 28, 28).withClassNames(names);
 * }</pre>
 *
 * @param name         the model's name in URLs (letters, digits, {@code . _ -})
 * @param version      its version in URLs ({@code "1"} unless given)
 * @param network      the network; served in an {@link Inference} scope, never changed
 * @param sampleShape  one sample's shape, e.g. {@code [1, 28, 28]}
 * @param classNames   the name of each output class, or null
 * @param sampleReader turns an uploaded image or text into one sample, or null
 */
public record ServedModel(String name, String version, Layer network, int[] sampleShape, List<String> classNames,
        SampleReader sampleReader) {

    /** Reads the body of a {@code /v1/models/NAME:predict} request (an image file, a text) as one sample. */
    @FunctionalInterface
    public interface SampleReader {
        /**
         * One sample of the model's sample shape.
         *
         * @param body        the request's body
         * @param contentType its {@code Content-Type}, e.g. {@code image/png} or {@code text/plain}
         * @throws IllegalArgumentException or IOException when the body is not a sample this model reads
         */
        Tensor read(byte[] body, String contentType) throws IOException;
    }

    public ServedModel {
        Objects.requireNonNull(network, "network");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a served model's name must be letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        if (version == null || !version.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("model '" + name + "': a version must be letters, digits, '.', '_' or"
                    + " '-', got '" + version + "'");
        }
        if (sampleShape == null || sampleShape.length == 0 || Arrays.stream(sampleShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("model '" + name + "': give one sample's shape with every size at least"
                    + " 1 (e.g. [1, 28, 28]), got " + Arrays.toString(sampleShape));
        }
        sampleShape = sampleShape.clone();
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /** Version {@code "1"}, no class names, no sample reader. */
    public static ServedModel of(String name, Layer network, int... sampleShape) {
        return new ServedModel(name, "1", network, sampleShape, null, null);
    }

    public ServedModel withVersion(String newVersion) {
        return new ServedModel(name, newVersion, network, sampleShape, classNames, sampleReader);
    }

    public ServedModel withClassNames(List<String> names) {
        return new ServedModel(name, version, network, sampleShape, names, sampleReader);
    }

    public ServedModel withSampleReader(SampleReader reader) {
        return new ServedModel(name, version, network, sampleShape, classNames, reader);
    }

    /** One sample's shape (a copy). */
    @Override
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** How many floats one sample holds. */
    int sampleSize() {
        return Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    }

    /**
     * One output row's shape, found by running the network once on a zero sample (which also
     * builds a lazily sized network before any request arrives).
     */
    int[] outputSampleShape() {
        int[] batchShape = new int[sampleShape.length + 1];
        batchShape[0] = 1;
        System.arraycopy(sampleShape, 0, batchShape, 1, sampleShape.length);
        Tensor output;
        try (Inference ignored = Inference.enter()) {
            output = network.forward(Tensor.zeros(batchShape));
        }
        int[] shape = output.shape().toArray();
        if (shape.length < 2 || shape[0] != 1) {
            throw new IllegalArgumentException("model '" + name + "': a batch of one sample gives outputs of shape "
                    + Arrays.toString(shape) + ", not one row per sample");
        }
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}
