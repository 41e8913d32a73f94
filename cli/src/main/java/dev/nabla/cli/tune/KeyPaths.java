package dev.nabla.cli.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key paths into an experiment file read as plain values: {@code training.optimizer.learning_rate}
 * names a key of a mapping inside mappings, {@code model.sequential[1].units} an element of a
 * list on the way. {@link #set} writes a value at a path, creating missing keys of mappings.
 */
final class KeyPaths {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private KeyPaths() {
    }

    /** The path's steps: each a String (a key) or an Integer (a list index). */
    static List<Object> parse(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a key path; write keys joined by dots, with"
                        + " [N] after a list's key: training.optimizer.learning_rate, model.sequential[1].units");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return steps;
    }

    /** Sets {@code path} in {@code document} to {@code value}. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> document, String path, Object value) {
        List<Object> steps = parse(path);
        Object current = document;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String key) {
                if (!(current instanceof Map)) {
                    throw new IllegalArgumentException(where(walked) + " is " + describe(current)
                            + ", not a mapping; write it as one (optimizer: {name: adam}) to set its key '" + key + "'");
                }
                Map<String, Object> map = (Map<String, Object>) current;
                if (last) {
                    map.put(key, value);
                    return;
                }
                if (!map.containsKey(key) || map.get(key) == null) {
                    map.put(key, steps.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>());
                }
                current = map.get(key);
                walked.append(walked.isEmpty() ? "" : ".").append(key);
            } else {
                int index = (Integer) step;
                if (!(current instanceof List)) {
                    throw new IllegalArgumentException(where(walked) + " is " + describe(current) + ", not a list");
                }
                List<Object> list = (List<Object>) current;
                if (index >= list.size()) {
                    throw new IllegalArgumentException(where(walked) + " has " + list.size() + " entries; there is no ["
                            + index + "]");
                }
                if (last) {
                    list.set(index, value);
                    return;
                }
                current = list.get(index);
                walked.append("[").append(index).append("]");
            }
        }
    }

    /** A copy of a tree of mappings and lists that shares no container with it. */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    private static String where(CharSequence walked) {
        return walked.isEmpty() ? "the file" : walked.toString();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : value instanceof List ? "a list" : String.valueOf(value);
    }
}
