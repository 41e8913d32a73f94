package dev.nabla.cli.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Training an experiment on a cluster ({@code nabla train FILE --spark MASTER}): the cli knows only
 * this interface; an optional module (nabla-spark) implements it and is found with {@link
 * ServiceLoader} when the launcher puts it on the class path.
 */
public interface DistributedTraining {

    /**
     * Runs {@code experiment} (read from {@code file} with {@code overrides}, so that every machine can
     * read it again) on the cluster at {@code master}, with the engine's {@code settings}
     * ({@code synchronisation}, {@code sync_every}, {@code workers}); writes the run's files and
     * returns the test loss and metrics.
     *
     * @throws IOException if the data or files cannot be read or written
     */
    Map<String, Double> run(Path file, Experiment.Overrides overrides, String master, Map<String, String> settings,
                            PrintWriter out) throws IOException;

    /** The implementation on the class path, if any. */
    static Optional<DistributedTraining> find() {
        return ServiceLoader.load(DistributedTraining.class).findFirst();
    }
}
