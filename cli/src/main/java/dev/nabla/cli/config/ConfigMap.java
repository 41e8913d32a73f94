package dev.nabla.cli.config;

import dev.nabla.io.Suggestions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping whose keys are text, in file order. {@link #allowOnly} rejects unknown
 * keys at their line (with the known ones and the closest match); {@link #get} treats
 * {@code key: null} as absent.
 */
public final class ConfigMap {

    private record Entry(ConfigNode key, ConfigNode value) {
    }

    private final ConfigNode owner;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    ConfigMap(ConfigNode owner, MappingNode mapping) {
        this.owner = owner;
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                ConfigNode wrong = owner.child(tuple.getKeyNode(), owner.path());
                throw wrong.error("keys must be names, got " + wrong.describe());
            }
            String name = key.getValue();
            String path = pathOf(name);
            ConfigNode keyNode = owner.child(key, path);
            if (name.equals("<<")) {
                throw keyNode.error("YAML merge keys (<<) are not supported; write the keys out");
            }
            if (entries.containsKey(name)) {
                throw keyNode.error("duplicate key '" + name + "' (first on line " + entries.get(name).key().line()
                        + ")");
            }
            entries.put(name, new Entry(keyNode, owner.valueOf(keyNode, tuple.getValueNode())));
        }
    }

    /** The mapping itself as a value (for its line and path). */
    public ConfigNode node() {
        return owner;
    }

    /** The keys, in file order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Fails at the first key not among {@code known}, naming the known keys; returns this. */
    public ConfigMap allowOnly(Collection<String> known) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw e.getValue().key().error("unknown key '" + e.getKey() + "'; known: " + String.join(", ", known)
                        + Suggestions.didYouMean(e.getKey(), known));
            }
        }
        return this;
    }

    /** The value of a key, or null when the key is absent or its value is null. */
    public ConfigNode get(String key) {
        Entry e = entries.get(key);
        return e == null || e.value().isNull() ? null : e.value();
    }

    /** The value of a key that must be there. */
    public ConfigNode require(String key) {
        ConfigNode value = get(key);
        if (value == null) {
            throw owner.error(entries.containsKey(key) ? "'" + key + "' needs a value"
                    : "missing required key '" + key + "'");
        }
        return value;
    }

    /** Whether the key is there with a value other than null. */
    public boolean has(String key) {
        return get(key) != null;
    }

    /** A key's text, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        ConfigNode value = get(key);
        return value == null ? fallback : value.asString();
    }

    /** A key's integer of at least {@code minimum}, or {@code fallback} when absent. */
    public int integer(String key, int minimum, int fallback) {
        ConfigNode value = get(key);
        return value == null ? fallback : value.asInt(minimum);
    }

    /** A key's number, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
        ConfigNode value = get(key);
        return value == null ? fallback : value.asDouble();
    }

    /** A key's boolean, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        ConfigNode value = get(key);
        return value == null ? fallback : value.asBoolean();
    }

    private String pathOf(String key) {
        return owner.path().isEmpty() ? key : owner.path() + "." + key;
    }
}
