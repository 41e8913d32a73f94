package dev.nabla.data;

import java.util.Arrays;
import java.util.concurrent.CompletionException;

/** One epoch's batches: which examples, in which order, in how many batches of which size. */
record BatchPlan(Dataset dataset, int[] order, int batchSize, int count) {

    /** Batch {@code number} (from 0): the next {@code batchSize} examples of the order, fewer at the end. */
    Batch build(int number) {
        int start = number * batchSize;
        return dataset.batch(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
    }

    /** The exception the consumer sees when building batch {@code number} threw {@code cause}. */
    CompletionException failure(int number, Throwable cause) {
        return new CompletionException("DataLoader: building batch " + (number + 1) + " of " + count
                + " (batch size " + batchSize + ") failed: " + cause, cause);
    }
}
