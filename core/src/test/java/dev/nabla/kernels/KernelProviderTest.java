package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelProviderTest {
    private static final String FLAG = "--add-modules jdk.incubator.vector";

    @Test
    void choosesVectorKernelsWhenTheModuleIsLoaded() {
        // The test JVM runs with the flag; 512 bits on an AVX-512 machine, at least 128 anywhere.
        Kernels kernels = KernelProvider.get();
        assertEquals("vector", kernels.name());
        assertTrue(kernels.vectorBitSize() >= 128, "width " + kernels.vectorBitSize());
        assertTrue(KernelProvider.description().startsWith("vector (" + kernels.vectorBitSize() + "-bit"),
                KernelProvider.description());
        assertTrue(KernelProvider.get() == kernels, "chosen once");
    }

    @Test
    void fallsBackToScalarKernelsWithOneLogLineWithoutTheModule(@TempDir Path dir)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PrintKernels.class.getName());
        // Options from the environment could add the module back; the child must run without it.
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());

        Process child = builder.start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        assertTrue(finished, "child JVM did not finish within 60 s");
        List<String> stdout = Files.readAllLines(out);
        List<String> stderr = Files.readAllLines(err);
        String report = "stdout: " + stdout + "\nstderr: " + stderr;
        assertEquals(0, child.exitValue(), report);

        assertEquals(2, stdout.size(), report);
        assertTrue(stdout.get(0).startsWith("scalar ("), report);
        assertEquals(ScalarKernels.class.getName(), stdout.get(1), report);
        List<String> logLines = stderr.stream().filter(line -> line.contains("scalar kernels")).toList();
        assertEquals(1, logLines.size(), report);
        assertTrue(logLines.get(0).contains(FLAG), report);
    }
}
