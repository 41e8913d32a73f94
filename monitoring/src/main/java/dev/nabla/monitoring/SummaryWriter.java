package dev.nabla.monitoring;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Writes one TensorBoard event file into a directory (PyTorch's {@code SummaryWriter},
 * TensorFlow's {@code tf.summary.create_file_writer}): scalars, histograms, images, text
 * and the hparams plugin's session records, each at a step. Every record is flushed as it
 * is written, so TensorBoard and {@code ./nabla dashboard} see it at once. Thread-safe.
 *
 * <p>The file is named {@code events.out.tfevents.<seconds>.<host>.<pid>.nabla}; its first
 * record holds the format version {@code brain.Event:2}, as TensorFlow's writer does.
 */
public final class SummaryWriter implements Closeable {

    private static final int DATA_TYPE_FLOAT = 1;
    private static final int DATA_TYPE_STRING = 7;

    private final Path file;
    private final OutputStream stream;
    private final TfRecordWriter records;

    /** Creates {@code directory} if needed and a new event file in it. */
    public SummaryWriter(Path directory) throws IOException {
        Files.createDirectories(directory);
        long seconds = System.currentTimeMillis() / 1000;
        String name = "events.out.tfevents." + seconds + "." + hostName() + "." + ProcessHandle.current().pid()
                + ".nabla";
        Path candidate = directory.resolve(name);
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = directory.resolve(name + i);
        }
        file = candidate;
        stream = new BufferedOutputStream(Files.newOutputStream(file));
        records = new TfRecordWriter(stream);
        write(event(0).string(3, "brain.Event:2"));
    }

    /** The event file being written. */
    public Path file() {
        return file;
    }

    /** A scalar ({@code simple_value}), as the scalars dashboard plots it. */
    public void scalar(String tag, double value, long step) {
        summary(step, value(tag).floatValue(2, (float) value));
    }

    /** A histogram of {@code values} in {@value Histogram#BUCKETS} equal buckets between their extremes. */
    public void histogram(String tag, float[] values, long step) {
        summary(step, value(tag).message(5, Histogram.of(values).encode()));
    }

    /** An image, stored as PNG (an RGB or grey image; {@code colorspace} 3 or 1). */
    public void image(String tag, BufferedImage image, long step) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        ProtobufOutput encoded = new ProtobufOutput().varint(1, image.getHeight()).varint(2, image.getWidth())
                .varint(3, grey ? 1 : 3).bytesValue(4, png.toByteArray());
        summary(step, value(tag).message(4, encoded));
    }

    /** Text (Markdown) for the text dashboard: a string tensor with the text plugin's metadata. */
    public void text(String tag, String text, long step) {
        ProtobufOutput tensor = new ProtobufOutput().varint(1, DATA_TYPE_STRING)
                .message(2, new ProtobufOutput())
                .bytesValue(8, text.getBytes(StandardCharsets.UTF_8));
        summary(step, value(tag).message(9, pluginMetadata("text", new ProtobufOutput()))
                .message(8, tensor));
    }

    /**
     * The hparams plugin's session start: this run's hyperparameters (numbers, booleans and
     * strings; anything else as its string), shown with the run's metrics in the HPARAMS tab.
     */
    public void hparamsSessionStart(Map<String, ?> hyperparameters) {
        hparams(HparamsRecords.SESSION_START_TAG, HparamsRecords.sessionStart(hyperparameters,
                System.currentTimeMillis() / 1000.0));
    }

    /** The hparams plugin's session end, with its status ({@code success} or failure). */
    public void hparamsSessionEnd(boolean success) {
        hparams(HparamsRecords.SESSION_END_TAG, HparamsRecords.sessionEnd(success, System.currentTimeMillis() / 1000.0));
    }

    /**
     * The hparams plugin's experiment, for the root of a study whose runs wrote session
     * records: the hyperparameters' names and the metrics' tags (as {@code group/tag}, the
     * group being the run's subdirectory: {@code validation/epoch_accuracy}).
     */
    public void hparamsExperiment(List<String> hyperparameters, List<String> metrics) {
        hparams(HparamsRecords.EXPERIMENT_TAG, HparamsRecords.experiment(hyperparameters, metrics,
                System.currentTimeMillis() / 1000.0));
    }

    private void hparams(String tag, ProtobufOutput pluginData) {
        ProtobufOutput emptyTensor = new ProtobufOutput().varint(1, DATA_TYPE_FLOAT)
                .message(2, new ProtobufOutput().message(2, new ProtobufOutput().varint(1, 0)));
        summary(0, value(tag).message(9, pluginMetadata("hparams", pluginData)).message(8, emptyTensor));
    }

    /** Writes what is buffered to the file. */
    public synchronized void flush() {
        try {
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        stream.close();
    }

    private static ProtobufOutput value(String tag) {
        return new ProtobufOutput().string(1, Objects.requireNonNull(tag, "tag"));
    }

    private static ProtobufOutput pluginMetadata(String plugin, ProtobufOutput content) {
        return new ProtobufOutput().message(1, new ProtobufOutput().string(1, plugin).message(2, content));
    }

    private static ProtobufOutput event(long step) {
        return new ProtobufOutput().doubleValue(1, System.currentTimeMillis() / 1000.0).varint(2, step);
    }

    private void summary(long step, ProtobufOutput value) {
        write(event(step).message(5, new ProtobufOutput().message(1, value)));
    }

    private synchronized void write(ProtobufOutput event) {
        try {
            records.write(event.toByteArray());
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the event file " + file, e);
        }
    }

    /** The host's name without asking DNS (which may stall for seconds): $HOSTNAME, else /etc/hostname. */
    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                name = "localhost";
            }
        }
        return name.isBlank() ? "localhost" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
