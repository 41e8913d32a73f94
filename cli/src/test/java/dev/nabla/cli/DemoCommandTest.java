package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void printsProgressAndTheFittedLine() {
        Run run = Run.nabla("demo");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("step 0 loss "), run.out());
        assertTrue(run.out().contains("\nstep 50 loss "), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches(
                "fitted y = \\d\\.\\d{3}x \\+ \\d\\.\\d{3} \\(true y = 3x \\+ 2\\)")),
                run.out());
    }

    @Test
    void rejectsStepsBelowOne() {
        Run run = Run.nabla("demo", "--steps", "0");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--steps must be at least 1, got 0"), run.err());
    }
}
