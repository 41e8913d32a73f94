package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;

/**
 * What the tensor engine computes with, for the layers above {@code tensor} that may not
 * reach the kernels themselves (the training progress output, for one).
 */
public final class Engine {

    private Engine() {
    }

    /**
     * Which kernels run, in a few words: {@code vector (512-bit)}, or
     * {@code scalar (slow: add --add-modules jdk.incubator.vector)} (see {@link KernelProvider}).
     */
    public static String kernels() {
        return KernelProvider.shortDescription();
    }
}
