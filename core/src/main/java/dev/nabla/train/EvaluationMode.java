package dev.nabla.train;

import dev.nabla.data.Dataset;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Runs work on a network with evaluation behaviour and without gradients, changing nothing in the network. */
final class EvaluationMode {

    private EvaluationMode() {
    }

    /** Runs two samples of {@code data} through the network, so that lazily sized layers create their parameters. */
    static void build(Layer network, Dataset data) {
        int[] first = IntStream.range(0, Math.min(2, data.size())).toArray();
        run(network, () -> BatchInputs.forward(network, data.batch(first)));
    }

    /** The network's outputs for x, computed in batches of {@code batchSize}. */
    static Tensor predict(Layer network, Tensor x, int batchSize) {
        return run(network, () -> {
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < x.dim(0); start += batchSize) {
                parts.add(network.forward(x.slice(0, start, Math.min(x.dim(0), start + batchSize))));
            }
            return parts.size() == 1 ? parts.get(0) : Tensor.concat(0, parts.toArray(Tensor[]::new));
        });
    }

    /**
     * Runs {@code work} in an {@link Inference} scope: evaluation behaviour on this thread only,
     * the network's own mode untouched, so other threads may predict or train at the same time.
     */
    static <T> T run(Layer network, Supplier<T> work) {
        try (Inference ignored = Inference.enter()) {
            return work.get();
        }
    }
}
