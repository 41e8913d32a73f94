package dev.nabla.tune;

import dev.nabla.io.AtomicFiles;
import dev.nabla.io.JsonReader;
import dev.nabla.io.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study saved as JSON ({@code study.json}): its settings, to check a resumed study against,
 * and every trial. Written atomically after every trial, so a crash never leaves half a file.
 */
public final class StudyFile {

    private static final int VERSION = 1;

    /**
     * A saved study.
     *
     * @param settings what the study was started with (search, seed, objective, …)
     * @param trials   its trials in order
     */
    public record Contents(Map<String, Object> settings, List<Trial> trials) {
    }

    private StudyFile() {
    }

    /** Writes the study to {@code file}, replacing it atomically. */
    public static void write(Path file, Map<String, Object> settings, List<Trial> trials) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", VERSION);
        document.put("settings", settings);
        List<Object> list = new ArrayList<>();
        for (Trial trial : trials) {
            list.add(toMap(trial));
        }
        document.put("trials", list);
        byte[] bytes = JsonWriter.writeIndented(document).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The trial as JSON values (NaN as null). */
    public static Map<String, Object> toMap(Trial trial) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", trial.number());
        map.put("config", trial.config());
        map.put("bracket", trial.bracket());
        map.put("rung", trial.rung());
        map.put("epochs", trial.epochs());
        map.put("parameters", trial.parameters());
        map.put("status", trial.status().name());
        map.put("objective", finite(trial.objective()));
        map.put("curve", trial.curve().stream().map(StudyFile::finite).toList());
        map.put("seconds", trial.seconds());
        map.put("message", trial.message());
        return map;
    }

    /** Reads a study written by {@link #write}. */
    public static Contents read(Path file) throws IOException {
        Object document = JsonReader.parseDocument(Files.readAllBytes(file));
        try {
            Map<?, ?> root = (Map<?, ?>) document;
            if (!Long.valueOf(VERSION).equals(root.get("version"))) {
                throw new IOException(file + ": not a study file of version " + VERSION);
            }
            List<Trial> trials = new ArrayList<>();
            for (Object entry : (List<?>) root.get("trials")) {
                trials.add(fromMap((Map<?, ?>) entry));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) normalized(root.get("settings"));
            return new Contents(settings, trials);
        } catch (ClassCastException | NullPointerException e) {
            throw new IOException(file + ": not a study file (" + e.getMessage() + ")", e);
        }
    }

    private static Trial fromMap(Map<?, ?> map) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        ((Map<?, ?>) map.get("parameters")).forEach((k, v) -> parameters.put((String) k, normalized(v)));
        List<Double> curve = ((List<?>) map.get("curve")).stream().map(StudyFile::number).toList();
        return new Trial(integer(map.get("number")), integer(map.get("config")), integer(map.get("bracket")),
                integer(map.get("rung")), integer(map.get("epochs")), parameters,
                Trial.Status.valueOf((String) map.get("status")), number(map.get("objective")), curve,
                number(map.get("seconds")), (String) map.get("message"));
    }

    /** JSON's integers back as Integers where they fit (as YAML gives them), containers recursively. */
    static Object normalized(Object value) {
        return switch (value) {
            case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> l.intValue();
            case List<?> list -> list.stream().map(StudyFile::normalized).toList();
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) k, normalized(v)));
                yield out;
            }
            case null -> null;
            default -> value;
        };
    }

    private static int integer(Object value) {
        return ((Number) value).intValue();
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
