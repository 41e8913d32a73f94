package dev.nabla.cli;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.cli.config.YamlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nabla serve --config FILE}: the server's settings from the {@code serve:} section of a
 * YAML file, either a serving file of its own or an experiment file (then the model defaults to
 * the one the experiment trains, {@code OUTPUT/best.nabla}, named after the file):
 *
 * <pre>
 * serve:
 *   port: 8080
 *   max_batch: 64
 *   models:
 *     - {name: fashion, version: 2, file: runs/fashion-mnist-cnn/best.nabla}
 * </pre>
 *
 * Every key is optional; a null field is one the file leaves to the command line or the default.
 *
 * @param models model specifications as the command line takes them ({@code NAME:VERSION=FILE})
 */
record ServeConfig(List<String> models, String host, Integer port, Integer maxBatch, Double maxDelayMillis,
        Integer workers, Integer maxQueue, Long timeoutMillis, Long maxBodyBytes, String accessLog, int[] inputShape, String http) {

    static final List<String> KEYS = List.of("models", "host", "port", "max_batch", "max_delay_ms", "workers",
            "max_queue", "timeout_ms", "max_body_bytes", "access_log", "input_shape", "http");
    static final List<String> MODEL_KEYS = List.of("name", "version", "file");

    static ServeConfig read(Path file) throws IOException {
        ConfigMap root = YamlFile.read(file).asMap();
        boolean experiment = root.has("model");
        if (!experiment) {
            root.allowOnly(List.of("serve"));
        }
        ConfigMap serve = root.require("serve").asMap().allowOnly(KEYS);
        List<String> models = new ArrayList<>();
        if (serve.has("models")) {
            for (ConfigNode model : serve.get("models").asList()) {
                models.add(model(model.asMap().allowOnly(MODEL_KEYS)));
            }
        } else if (experiment) {
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            String output = root.string("output", Path.of("runs", name).toString());
            models.add(name + "=" + Path.of(output, "best.nabla"));
        } else {
            throw serve.node().error("a serving file names its models: models: [{name: NAME, file: FILE}]");
        }
        int[] inputShape = null;
        if (serve.has("input_shape")) {
            inputShape = serve.get("input_shape").asList().stream().mapToInt(d -> d.asInt(1)).toArray();
        }
        return new ServeConfig(models, serve.string("host", null), integer(serve, "port", 0),
                integer(serve, "max_batch", 1), serve.has("max_delay_ms") ? serve.number("max_delay_ms", 0) : null,
                integer(serve, "workers", 1), integer(serve, "max_queue", 1), longValue(serve, "timeout_ms"),
                longValue(serve, "max_body_bytes"), serve.string("access_log", null), inputShape, serve.string("http", null));
    }

    /** {@code NAME:VERSION=FILE}, {@code NAME=FILE} or {@code FILE}. */
    private static String model(ConfigMap model) {
        String file = model.require("file").asString();
        String name = model.string("name", null);
        ConfigNode versionNode = model.get("version");
        String version = versionNode == null ? null
                : versionNode.value() instanceof Integer number ? number.toString() : versionNode.asString();
        if (version != null && name == null) {
            throw model.node().error("a model with a version needs a name");
        }
        return name == null ? file : name + (version == null ? "" : ":" + version) + "=" + file;
    }

    private static Integer integer(ConfigMap map, String key, int minimum) {
        return map.has(key) ? map.get(key).asInt(minimum) : null;
    }

    private static Long longValue(ConfigMap map, String key) {
        if (!map.has(key)) {
            return null;
        }
        double value = map.get(key).asDouble();
        if (value < 1 || value != Math.rint(value)) {
            throw map.get(key).error("'" + key + "' must be a whole number of at least 1, got " + map.get(key).describe());
        }
        return (long) value;
    }
}
