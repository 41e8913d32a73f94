package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheCommands() {
        Run run = Run.nabla("--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: nabla"), run.out());
        for (String command : new String[] {"info", "train", "evaluate", "predict", "summary", "demo", "help"}) {
            assertTrue(run.out().lines().anyMatch(line -> line.strip().startsWith(command + " ")),
                    "no line for " + command + " in\n" + run.out());
        }
    }

    @Test
    void versionNamesNabla() {
        Run run = Run.nabla("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("Nabla \\d+\\.\\d+\\.\\d+.*\\R"), run.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = Run.nabla();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }
}
