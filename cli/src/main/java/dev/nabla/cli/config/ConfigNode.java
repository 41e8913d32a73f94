package dev.nabla.cli.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A value of a YAML file that knows where it stands: its key path
 * ({@code model.sequential[3].filters}) and its line. The typed accessors fail with a
 * {@link ConfigException} that names both, so every mistake in a file points at itself.
 */
public final class ConfigNode {

    private final Node node;
    private final String source;
    private final String path;
    private final int line;
    private final PlainValues values;

    ConfigNode(Node node, String source, String path, PlainValues values) {
        this(node, source, path, node.getStartMark().getLine() + 1, values);
    }

    private ConfigNode(Node node, String source, String path, int line, PlainValues values) {
        this.node = node;
        this.source = source;
        this.path = path;
        this.line = line;
        this.values = values;
    }

    /** The key path, e.g. {@code training.callbacks[0].patience}; empty for the whole file. */
    public String path() {
        return path;
    }

    /** The line the value starts on, counted from 1; for the value of a key, the key's line. */
    public int line() {
        return line;
    }

    /** The file's name as the user gave it. */
    public String source() {
        return source;
    }

    /** An error about this value, located at its line and path. */
    public ConfigException error(String problem) {
        return new ConfigException(source, line(), path, problem);
    }

    /** Whether the value is a mapping of keys to values. */
    public boolean isMap() {
        return node instanceof MappingNode;
    }

    /** Whether the value is a list. */
    public boolean isList() {
        return node instanceof SequenceNode;
    }

    /** Whether the value is YAML's null (written {@code null}, {@code ~} or nothing). */
    public boolean isNull() {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** The value as a mapping; fails unless it is one. */
    public ConfigMap asMap() {
        if (node instanceof MappingNode mapping) {
            return new ConfigMap(this, mapping);
        }
        throw error("expected a mapping of keys to values, got " + describe());
    }

    /** The value as a list, each element with its own path ({@code layers[2]}); fails unless it is one. */
    public List<ConfigNode> asList() {
        if (node instanceof SequenceNode sequence) {
            List<ConfigNode> elements = new ArrayList<>();
            for (Node element : sequence.getValue()) {
                elements.add(child(element, path + "[" + elements.size() + "]"));
            }
            return elements;
        }
        throw error("expected a list, got " + describe());
    }

    /** A list's elements, or this value alone when it is not a list ({@code inputs: x} as {@code inputs: [x]}). */
    public List<ConfigNode> asListOrOne() {
        return isList() ? asList() : List.of(this);
    }

    /** The value as text; numbers and booleans are refused, since a name written as 3 is a mistake. */
    public String asString() {
        if (hasTag(Tag.STR)) {
            return ((ScalarNode) node).getValue();
        }
        throw error("expected text, got " + describe());
    }

    /** The value as an int. */
    public int asInt() {
        if (value() instanceof Integer i) {
            return i;
        }
        throw error("expected an integer, got " + describe());
    }

    /** The value as an int of at least {@code minimum}. */
    public int asInt(int minimum) {
        int value = asInt();
        if (value < minimum) {
            throw error("expected an integer of at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** The value as a number (integers are accepted). */
    public double asDouble() {
        if (value() instanceof Number n && (hasTag(Tag.INT) || hasTag(Tag.FLOAT))) {
            return n.doubleValue();
        }
        throw error("expected a number, got " + describe());
    }

    /** The value as a float. */
    public float asFloat() {
        return (float) asDouble();
    }

    /** The value as true or false. */
    public boolean asBoolean() {
        if (value() instanceof Boolean b) {
            return b;
        }
        throw error("expected true or false, got " + describe());
    }

    /**
     * The value as YAML gives it to programs: Integer, Long, Double, Boolean, String, null,
     * List and Map (in file order) of those.
     */
    public Object value() {
        try {
            return values.of(node);
        } catch (RuntimeException e) {
            throw error("cannot read the value: " + e.getMessage());
        }
    }

    /** How the value reads in a message: {@code 'ten'}, {@code 3}, {@code a list}. */
    public String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "nothing (null)";
        }
        String text = ((ScalarNode) node).getValue();
        return hasTag(Tag.STR) ? "'" + text + "'" : text;
    }

    ConfigNode child(Node child, String childPath) {
        return new ConfigNode(child, source, childPath, values);
    }

    /** The value of a key, placed on the key's line (a block mapping's value starts a line below). */
    ConfigNode valueOf(ConfigNode key, Node value) {
        return new ConfigNode(value, source, key.path, key.line, values);
    }

    private boolean hasTag(Tag tag) {
        return node instanceof ScalarNode && node.getTag().equals(tag);
    }
}
