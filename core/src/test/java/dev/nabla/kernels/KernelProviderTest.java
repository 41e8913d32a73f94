package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelProviderTest {
    private static final String FLAG = "--add-modules jdk.incubator.vector";

    /** What a child JVM printed and returned. */
    private record ChildRun(int exitCode, List<String> stdout, List<String> stderr) {
        String report() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    @Test
    void choosesVectorKernelsWhenTheModuleIsLoaded() {
        // The test JVM runs with the flag; 512 bits on an AVX-512 machine, at least 128 anywhere.
        Kernels kernels = KernelProvider.get();
        assertEquals("vector", kernels.name());
        assertTrue(kernels.vectorBitSize() >= 128, "width " + kernels.vectorBitSize());
        assertTrue(KernelProvider.description().startsWith("vector (" + kernels.vectorBitSize() + "-bit"),
                KernelProvider.description());
        assertEquals("vector (" + kernels.vectorBitSize() + "-bit)", KernelProvider.shortDescription());
        assertTrue(KernelProvider.get() == kernels, "chosen once");
    }

    @Test
    void onlyOneOrTrueRequiresTheVectorKernels() {
        assertTrue(KernelProvider.isRequired("1"));
        assertTrue(KernelProvider.isRequired(" true "));
        assertFalse(KernelProvider.isRequired(null));
        assertFalse(KernelProvider.isRequired("0"));
        assertFalse(KernelProvider.isRequired(""));
    }

    @Test
    void fallsBackToScalarKernelsWithOneWarningLineWithoutTheModule(@TempDir Path dir)
            throws IOException, InterruptedException {
        ChildRun run = runWithoutTheModule(dir, Map.of());
        String report = run.report();
        assertEquals(0, run.exitCode(), report);

        assertEquals(3, run.stdout().size(), report);
        assertTrue(run.stdout().get(0).startsWith("scalar (slow: the Vector API module is not loaded; add " + FLAG),
                report);
        assertEquals("scalar (slow: add " + FLAG + ")", run.stdout().get(1), report);
        assertEquals(ScalarKernels.class.getName(), run.stdout().get(2), report);
        assertEquals(1, run.stderr().size(), report);
        String warning = run.stderr().get(0);
        assertTrue(warning.startsWith("WARNING: Nabla runs on its scalar kernels, about 10x slower"), report);
        assertTrue(warning.contains(FLAG) && warning.contains("./nabla") && warning.contains("argLine"), report);
    }

    @Test
    void refusesTheScalarKernelsWhenTheVectorOnesAreRequired(@TempDir Path dir)
            throws IOException, InterruptedException {
        ChildRun run = runWithoutTheModule(dir, Map.of("NABLA_REQUIRE_VECTOR", "1"));
        String report = run.report();
        assertNotEquals(0, run.exitCode(), report);
        assertTrue(run.stdout().isEmpty(), report);

        String error = String.join("\n", run.stderr());
        assertTrue(error.contains(VectorKernelsUnavailableException.class.getName()
                + ": Nabla cannot use its vector kernels and NABLA_REQUIRE_VECTOR is set: the Vector API module is"
                + " not loaded; add " + FLAG), report);
        assertFalse(error.contains("ExceptionInInitializerError"), report);
        assertFalse(error.contains("WARNING: Nabla"), report);
    }

    /** Runs {@link PrintKernels} in a JVM without the Vector API module, with extra environment variables. */
    private static ChildRun runWithoutTheModule(Path dir, Map<String, String> environment)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PrintKernels.class.getName());
        // Options from the environment could add the module back; the child must run without it.
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("NABLA_REQUIRE_VECTOR");
        builder.environment().putAll(environment);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());

        Process child = builder.start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        assertTrue(finished, "child JVM did not finish within 60 s");
        return new ChildRun(child.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }
}
