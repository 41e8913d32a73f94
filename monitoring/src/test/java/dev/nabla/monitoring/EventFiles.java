package dev.nabla.monitoring;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.framework.Summary;
import org.tensorflow.util.Event;

/** The events of the event files in a directory, decoded with TensorBoard's own message classes. */
final class EventFiles {

    private EventFiles() {
    }

    static List<Event> events(Path directory) throws IOException {
        List<Event> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("tfevents")).sorted().toList()) {
                for (byte[] record : new TfRecordReader(file).readNew()) {
                    events.add(parse(record));
                }
            }
        }
        return events;
    }

    /** The summary values tagged {@code tag}, each with its event's step, in order. */
    static List<Tagged> values(Path directory, String tag) throws IOException {
        List<Tagged> values = new ArrayList<>();
        for (Event event : events(directory)) {
            for (Summary.Value value : event.getSummary().getValueList()) {
                if (value.getTag().equals(tag)) {
                    values.add(new Tagged(event.getStep(), value));
                }
            }
        }
        return values;
    }

    record Tagged(long step, Summary.Value value) {
    }

    private static Event parse(byte[] record) {
        try {
            return Event.parseFrom(record);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an Event: " + e.getMessage(), e);
        }
    }
}
