package dev.nabla.data;

/**
 * A data set cut in two: examples to train on and examples held out to test (or validate)
 * on, with no example in both.
 */
public record Split(TensorDataset train, TensorDataset test) {
}
