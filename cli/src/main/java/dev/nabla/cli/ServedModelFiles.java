package dev.nabla.cli;

import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.cli.experiment.TextModelInputs;
import dev.nabla.data.text.TextEncoder;
import dev.nabla.io.ModelFile;
import dev.nabla.serving.ServedModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The models {@code nabla serve} serves, from model files given as {@code FILE},
 * {@code NAME=FILE} or {@code NAME:VERSION=FILE} (the name defaults to the file's name without
 * {@code .nabla}, the version to 1). Each keeps the shape, class names and, for image and
 * text models, the reading of {@code /v1/models/NAME:predict} bodies that {@code nabla
 * predict} uses; reloading reads its file again.
 */
final class ServedModelFiles {

    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final int[] inputShape;

    /** {@code inputShape}: one sample's shape for files that do not record it, or null. */
    ServedModelFiles(int[] inputShape) {
        this.inputShape = inputShape;
    }

    /** Loads {@code FILE}, {@code NAME=FILE} or {@code NAME:VERSION=FILE}. */
    ServedModel load(String spec) throws IOException {
        int equals = spec.indexOf('=');
        Path file = Path.of(equals < 0 ? spec : spec.substring(equals + 1));
        String name = equals < 0 ? file.getFileName().toString().replaceFirst("\\.nabla$", "") : spec.substring(0, equals);
        String version = "1";
        if (name.contains(":")) {
            version = name.substring(name.indexOf(':') + 1);
            name = name.substring(0, name.indexOf(':'));
        }
        PredictionInputs.checkReadable(file);
        ServedModel model = read(name, version, file);
        files.put(name + ":" + version, file);
        return model;
    }

    /** The model read again from its file: the server's reloader. */
    ServedModel reload(ServedModel current) {
        try {
            return read(current.name(), current.version(), files.get(current.name() + ":" + current.version()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServedModel read(String name, String version, Path file) throws IOException {
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        ModelInfo info = ModelInfo.of(loaded);
        int[] shape = inputShape != null ? inputShape : info.inputShape();
        if (shape == null || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(file + " does not record the shape of its input; give one sample's"
                    + " shape with --input-shape, e.g. --input-shape 1,28,28 for 28x28 grey images");
        }
        TextEncoder encoder = TextModelInputs.encoder(loaded.trainingState());
        ServedModel.SampleReader reader = encoder != null ? (body, type) -> text(encoder, body, type)
                : shape.length == 3 && (shape[0] == 1 || shape[0] == 3) ? (body, type) -> image(shape, body) : null;
        return new ServedModel(name, version, loaded.model(), shape, info.classNames(), reader);
    }

    private static dev.nabla.tensor.Tensor image(int[] shape, byte[] body) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(body));
        if (image == null) {
            throw new IOException("not an image javax.imageio can read (PNG, JPEG, GIF, BMP)");
        }
        return PredictionInputs.image(image, shape, false);
    }

    private static dev.nabla.tensor.Tensor text(TextEncoder encoder, byte[] body, String type) {
        if (!type.isEmpty() && !type.startsWith("text/")) {
            throw new IllegalArgumentException("this model reads texts: send the text as text/plain");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (encoder.tokenizer().tokenize(text).isEmpty()) {
            throw new IllegalArgumentException("the text holds no token to classify");
        }
        return encoder.encode(text);
    }
}
