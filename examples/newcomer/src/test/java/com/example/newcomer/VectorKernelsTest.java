package com.example.newcomer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

/** The Surefire argLine of docs/java.md reaches the forked test JVM: Nabla runs its vector kernels. */
class VectorKernelsTest {

    @Test
    void testsRunOnTheVectorKernels() {
        String kernels = KernelProvider.description();
        assertTrue(kernels.startsWith("vector"), "expected the vector kernels, got " + kernels);
    }
}
