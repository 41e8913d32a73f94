package dev.nabla.examples;

import dev.nabla.data.TensorDataset;

/**
 * The options every example takes: {@code --epochs N}, and {@code --limit N} to use only
 * the first N training and N test images (a quick look; the tests use it).
 *
 * @param epochs passes over the training set
 * @param limit  the most images used of each of the training and test sets; 0 for all
 */
record ExampleOptions(int epochs, int limit) {

    /** Reads {@code --epochs N --limit N}; fails on anything else, saying what is accepted. */
    static ExampleOptions parse(String[] args, int defaultEpochs) {
        int epochs = defaultEpochs;
        int limit = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length || !(args[i].equals("--epochs") || args[i].equals("--limit"))) {
                throw new IllegalArgumentException("usage: [--epochs N] [--limit N]; got " + String.join(" ", args));
            }
            int value = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--epochs")) {
                epochs = value;
            } else {
                limit = value;
            }
        }
        return new ExampleOptions(epochs, limit);
    }

    /** The first {@link #limit} examples, or all when there is no limit. */
    TensorDataset limit(TensorDataset data) {
        return limit == 0 || data.size() <= limit ? data : data.slice(0, limit);
    }
}
