package dev.nabla.nn;

import java.util.Arrays;

/**
 * Run in a fresh JVM by {@link LayerTest}: prints the default generator's seed and the weights
 * of a {@code Dense(3, 2)} made without any seed.
 */
public final class UnseededWeights {

    private UnseededWeights() {
    }

    public static void main(String[] args) {
        System.out.println(Layer.initialSeed());
        System.out.println(Arrays.toString(Dense.linear(3, 2).stateDict().get("weight").toFloatArray()));
    }
}
