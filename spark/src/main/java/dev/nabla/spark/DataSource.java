package dev.nabla.spark;

import dev.nabla.cli.experiment.DataSpec;
import dev.nabla.data.Dataset;
import dev.nabla.data.TensorDataset;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each task reads the training examples from: every executor loads the whole data set once
 * (kept for the life of its JVM under {@link #key()}) and trains on the shard the epoch's shuffle
 * gives its partition. On a cluster the files must be readable from every machine (a shared file
 * system, or the same path on each).
 */
public interface DataSource extends Serializable {

    /** A name that identifies the examples: sources with equal keys load the same data set once per JVM. */
    String key();

    /** Reads the examples. */
    Dataset load() throws IOException;

    /**
     * Examples a command-line SPEC names ({@code fashion-mnist:train}, {@code mnist:test}, a directory of
     * MNIST-format files), the first {@code limit} of them (0 for all).
     */
    static DataSource named(String spec, int limit) {
        return new Named(spec, limit);
    }

    /** The data set of {@code source}, read once per JVM. */
    static Dataset cached(DataSource source) {
        return Loaded.DATA.computeIfAbsent(source.key(), key -> {
            try {
                return source.load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the data '" + key + "' on this machine: " + e.getMessage(), e);
            }
        });
    }

    /** The source {@link #named} returns. */
    record Named(String spec, int limit) implements DataSource {

        /** Checks the limit. */
        public Named {
            if (limit < 0) {
                throw new IllegalArgumentException("DataSource.named: limit must be 0 (all) or more, got " + limit);
            }
        }

        @Override
        public String key() {
            return spec + (limit > 0 ? "[:" + limit + "]" : "");
        }

        @Override
        public Dataset load() throws IOException {
            TensorDataset data = DataSpec.select(spec);
            return limit > 0 && limit < data.size() ? data.slice(0, limit) : data;
        }
    }

    /** The per-JVM store of {@link #cached}. */
    final class Loaded {
        private static final Map<String, Dataset> DATA = new ConcurrentHashMap<>();

        private Loaded() {
        }
    }
}
