package dev.nabla.cli.tune;

import dev.nabla.tune.Trial;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A study whose trials train on a cluster ({@code nabla tune FILE --spark MASTER}): the cli knows only
 * this interface; an optional module (nabla-spark) implements it and is found with {@link ServiceLoader}
 * when the launcher puts it on the class path.
 */
public interface DistributedTuning {

    /**
     * Runs (or with {@code resume} continues) the study of {@code file} as {@link Tuning#run} does, each
     * trial on the cluster at {@code master}; writes the same study files and returns every trial.
     *
     * @throws IOException if the files cannot be read or written
     */
    List<Trial> tune(Path file, TuneSpec.Overrides overrides, Path output, Integer limit, boolean resume,
                     String master, PrintWriter out) throws IOException;

    /** The implementation on the class path, if any. */
    static Optional<DistributedTuning> find() {
        return ServiceLoader.load(DistributedTuning.class).findFirst();
    }
}
