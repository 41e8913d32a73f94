package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.STEPS;
import static dev.nabla.cli.experiment.Setting.Kind.STRING;

import dev.nabla.cli.config.ConfigMap;
import dev.nabla.cli.config.ConfigNode;
import dev.nabla.cli.config.YamlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code spark} section of an experiment file: where and how {@code nabla train} trains on Apache
 * Spark, and where {@code nabla tune} runs its trials (docs/spark.md). The same settings as the command
 * line's {@code --spark}, {@code --synchronisation}, {@code --sync-every} and {@code --workers}, which
 * win over the file's.
 *
 * @param master          the Spark master ({@code local[2]}, {@code spark://host:7077}), or null to train here
 * @param synchronisation {@code model_averaging} or {@code gradient_averaging}
 * @param syncEvery       model averaging's steps between two synchronisations
 * @param workers         the replicas, one Spark task each
 */
public record SparkSpec(String master, String synchronisation, int syncEvery, int workers) {

    /** The section's settings, for reading it and for the reference. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.optional("master", STRING, ""),
            Setting.choice("synchronisation", "model_averaging", List.of("model_averaging", "gradient_averaging")),
            Setting.optional("sync_every", STEPS, 16),
            Setting.optional("workers", STEPS, 2));

    /** No section: train here; the command line's defaults when {@code --spark} is given. */
    public static final SparkSpec DEFAULTS = new SparkSpec(null, "model_averaging", 16, 2);

    /** Reads the section. */
    static SparkSpec parse(ConfigNode node) {
        Map<String, Object> values = Setting.read(node.asMap(), SETTINGS, Map.of(), List.of());
        String master = (String) values.get("master");
        return new SparkSpec(master.isBlank() ? null : master, (String) values.get("synchronisation"),
                (Integer) values.get("sync_every"), (Integer) values.get("workers"));
    }

    /** The {@code spark} section of {@code file}, or {@link #DEFAULTS} when it has none. */
    public static SparkSpec read(Path file) throws IOException {
        ConfigMap root = YamlFile.read(file).asMap();
        return root.has("spark") ? parse(root.get("spark")) : DEFAULTS;
    }

    /** These settings with the command line's: each non-null value wins. */
    public SparkSpec with(String master, String synchronisation, Integer syncEvery, Integer workers) {
        return new SparkSpec(master != null ? master : this.master,
                synchronisation != null ? synchronisation : this.synchronisation,
                syncEvery != null ? syncEvery : this.syncEvery, workers != null ? workers : this.workers);
    }

    /** The settings as the spark module reads them ({@code synchronisation}, {@code sync_every}, {@code workers}). */
    public Map<String, String> settings() {
        return Map.of("synchronisation", synchronisation, "sync_every", Integer.toString(syncEvery),
                "workers", Integer.toString(workers));
    }
}
