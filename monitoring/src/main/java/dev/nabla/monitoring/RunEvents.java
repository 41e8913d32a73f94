package dev.nabla.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The scalars and texts of the event files in one directory, followed as they grow: each
 * {@link #refresh} reads only the records added since the last (TensorBoard's own files and
 * those of other writers too, as long as scalars are {@code simple_value}s or float tensors
 * and texts are string tensors).
 */
public final class RunEvents {

    /** One point of a scalar's curve. */
    public record Point(long step, double value, double wallTime) {
    }

    private final Path directory;
    private final Map<Path, TfRecordReader> readers = new TreeMap<>();
    private final Map<String, List<Point>> scalars = new TreeMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Image> images = new TreeMap<>();

    /** The latest image of a tag: its step and the encoded (PNG) bytes. */
    public record Image(long step, byte[] encoded) {
    }

    public RunEvents(Path directory) {
        this.directory = directory;
    }

    /** Reads what the event files gained since the last call; new event files are picked up too. */
    public synchronized void refresh() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(RunEvents::isEventFile).forEach(file -> readers.computeIfAbsent(file, TfRecordReader::new));
        }
        for (TfRecordReader reader : readers.values()) {
            for (byte[] record : reader.readNew()) {
                readEvent(record);
            }
        }
    }

    /** Each scalar's points by tag, in the order written; a copy. */
    public synchronized Map<String, List<Point>> scalars() {
        Map<String, List<Point>> copy = new TreeMap<>();
        scalars.forEach((tag, points) -> copy.put(tag, List.copyOf(points)));
        return copy;
    }

    /** The latest text of each tag. */
    public synchronized Map<String, String> texts() {
        return Map.copyOf(texts);
    }

    /** The latest image of each tag. */
    public synchronized Map<String, Image> images() {
        return Map.copyOf(images);
    }

    static boolean isEventFile(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().contains("tfevents");
    }

    private void readEvent(byte[] record) {
        ProtobufInput event = new ProtobufInput(record);
        double wallTime = 0;
        long step = 0;
        byte[] summary = null;
        while (event.next()) {
            switch (event.field()) {
                case 1 -> wallTime = event.doubleValue();
                case 2 -> step = event.varintValue();
                case 5 -> summary = event.bytesValue();
                default -> { }
            }
        }
        if (summary == null) {
            return;
        }
        ProtobufInput values = new ProtobufInput(summary);
        while (values.next()) {
            if (values.field() == 1) {
                readValue(values.bytesValue(), step, wallTime);
            }
        }
    }

    private void readValue(byte[] encoded, long step, double wallTime) {
        ProtobufInput value = new ProtobufInput(encoded);
        String tag = null;
        Double scalar = null;
        byte[] tensor = null;
        byte[] image = null;
        while (value.next()) {
            switch (value.field()) {
                case 1 -> tag = value.stringValue();
                case 2 -> scalar = (double) value.floatValue();
                case 4 -> image = readImage(value.bytesValue());
                case 8 -> tensor = value.bytesValue();
                default -> { }
            }
        }
        if (tag == null) {
            return;
        }
        if (image != null) {
            images.put(tag, new Image(step, image));
        }
        if (scalar == null && tensor != null) {
            scalar = readTensor(tensor, tag);
        }
        if (scalar != null) {
            scalars.computeIfAbsent(tag, t -> new ArrayList<>()).add(new Point(step, scalar, wallTime));
        }
    }

    /** A float scalar tensor's value (TensorFlow 2's scalars), or null after keeping a string tensor as text. */
    private Double readTensor(byte[] encoded, String tag) {
        ProtobufInput tensor = new ProtobufInput(encoded);
        long dataType = 0;
        Double first = null;
        StringBuilder text = new StringBuilder();
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> dataType = tensor.varintValue();
                case 4, 5 -> first = first != null ? first : readFloats(tensor.bytesValue());   // content, float_val
                case 8 -> text.append(tensor.stringValue());
                default -> { }
            }
        }
        if (dataType == 7) {
            texts.put(tag, text.toString());
            return null;
        }
        return dataType == 1 ? first : null;
    }

    /** The encoded bytes of a {@code Summary.Image} (field 4). */
    private static byte[] readImage(byte[] encoded) {
        ProtobufInput image = new ProtobufInput(encoded);
        byte[] bytes = null;
        while (image.next()) {
            if (image.field() == 4) {
                bytes = image.bytesValue();
            }
        }
        return bytes;
    }

    private static Double readFloats(byte[] packed) {
        return packed.length < 4 ? null : (double) Float.intBitsToFloat((packed[0] & 0xff) | (packed[1] & 0xff) << 8
                | (packed[2] & 0xff) << 16 | (packed[3] & 0xff) << 24);
    }
}
