package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InfoCommandTest {

    @Test
    void showsNablaTheJdkAndTheKernels() {
        Run run = Run.nabla("info");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Nabla "), run.out());
        assertTrue(run.out().contains(System.getProperty("java.version")), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("Kernels +(vector|scalar) \\(.+\\)")),
                run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("Threads +\\d+ .*")), run.out());
    }
}
