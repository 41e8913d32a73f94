package dev.nabla.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checked JSON header of a safetensors file: each tensor's type, shape and byte range
 * within the data that follows the header, and the {@code __metadata__} strings.
 *
 * <p>Checks follow the reference implementation: every entry has exactly {@code dtype},
 * {@code shape} and {@code data_offsets}; a range holds exactly shape × element size
 * bytes; and the ranges tile the data from byte 0 with no overlap and no gap.
 */
record SafetensorsHeader(List<Entry> entries, Map<String, String> metadata, long dataSize) {

    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor's place in the file; begin and end are offsets into the data, end exclusive. */
    record Entry(String name, SafetensorsDataType dataType, int[] shape, int elementCount, long begin, long end) {
    }

    /** Parses and checks a header; errors name the file (or other source) and, where there is one, the tensor. */
    static SafetensorsHeader parse(String file, byte[] json) throws IOException {
        Object root;
        try {
            root = JsonReader.parse(json);
        } catch (IOException e) {
            throw new IOException(file + ": malformed safetensors header: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> members)) {
            throw new IOException(file + ": the safetensors header must be a JSON object, found " + kind(root));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<?, ?> member : members.entrySet()) {
            String name = (String) member.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(file, member.getValue());
            } else {
                entries.add(entry(file, name, member.getValue()));
            }
        }
        return new SafetensorsHeader(List.copyOf(entries), metadata, checkTiling(file, entries));
    }

    private static Map<String, String> metadata(String file, Object value) throws IOException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(file + ": " + METADATA_KEY + " must be an object of strings, found " + kind(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getValue() instanceof String text)) {
                throw new IOException(file + ": " + METADATA_KEY + " value of \"" + member.getKey()
                        + "\" must be a string, found " + kind(member.getValue()));
            }
            metadata.put((String) member.getKey(), text);
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static Entry entry(String file, String name, Object value) throws IOException {
        String where = file + ": tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> fields)) {
            throw new IOException(where + ": expected an object with dtype, shape and data_offsets, found " + kind(value));
        }
        if (!fields.keySet().equals(ENTRY_KEYS)) {
            throw new IOException(where + ": expected exactly the keys dtype, shape and data_offsets, found "
                    + fields.keySet());
        }
        if (!(fields.get("dtype") instanceof String typeName)) {
            throw new IOException(where + ": dtype must be a string, found " + kind(fields.get("dtype")));
        }
        SafetensorsDataType dataType = SafetensorsDataType.named(typeName);
        if (dataType == null) {
            throw new IOException(where + ": unsupported dtype '" + typeName + "' (Nabla reads "
                    + SafetensorsDataType.supportedNames() + ")");
        }
        long[] shapeValues = integers(where, "shape", fields.get("shape"), -1);
        long[] offsets = integers(where, "data_offsets", fields.get("data_offsets"), 2);
        int[] shape = new int[shapeValues.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shapeValues[i] > Integer.MAX_VALUE || (count *= shapeValues[i]) > Integer.MAX_VALUE - 8) {
                throw new IOException(where + ": shape " + Arrays.toString(shapeValues)
                        + " has more elements than a Nabla tensor can hold (" + (Integer.MAX_VALUE - 8) + ")");
            }
            shape[i] = (int) shapeValues[i];
        }
        if (offsets[0] > offsets[1]) {
            throw new IOException(where + ": data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long expected = count * dataType.byteSize;
        if (offsets[1] - offsets[0] != expected) {
            throw new IOException(where + ": data_offsets " + Arrays.toString(offsets) + " hold "
                    + (offsets[1] - offsets[0]) + " bytes, but " + typeName + " " + Arrays.toString(shape)
                    + " needs " + expected);
        }
        return new Entry(name, dataType, shape, (int) count, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of the given length unless it is -1. */
    private static long[] integers(String where, String key, Object value, int length) throws IOException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)
                || !list.stream().allMatch(v -> v instanceof Long n && n >= 0)) {
            String expected = length >= 0 ? length + " non-negative integers" : "non-negative integers";
            throw new IOException(where + ": " + key + " must be an array of " + expected + ", found "
                    + JsonWriter.write(value));
        }
        return list.stream().mapToLong(v -> (Long) v).toArray();
    }

    /** Checks that the ranges cover [0, size) exactly once; returns the size. */
    private static long checkTiling(String file, List<Entry> entries) throws IOException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < covered) {
                throw new IOException(file + ": tensor '" + e.name() + "' (data bytes " + e.begin() + " to " + e.end()
                        + ") overlaps tensor '" + previous.name() + "' (" + previous.begin() + " to " + previous.end() + ")");
            }
            if (e.begin() > covered) {
                throw new IOException(file + ": data bytes " + covered + " to " + e.begin() + " belong to no tensor"
                        + " (a gap before tensor '" + e.name() + "'); safetensors data must have no holes");
            }
            covered = e.end();
            previous = e;
        }
        return covered;
    }

    private static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            default -> "an integer";
        };
    }
}
