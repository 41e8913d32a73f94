package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    private static final String FLAG = "--add-modules jdk.incubator.vector";

    @Test
    void showsNablaTheJdkAndTheKernels() {
        Run run = Run.nabla("info");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Nabla "), run.out());
        assertTrue(run.out().contains(System.getProperty("java.version")), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("Kernels +vector \\(\\d+-bit, .+\\)")),
                run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("Threads +\\d+ .*")), run.out());
    }

    @Test
    void withoutTheVectorModuleWarnsOnceAndShowsTheFix(@TempDir Path dir) throws Exception {
        String[] run = infoWithoutTheModule(dir, Map.of());

        assertEquals("0", run[0], run[1] + run[2]);
        assertTrue(run[1].lines().anyMatch(line -> line.matches("Kernels +scalar \\(slow: .*" + FLAG + ".*\\)")),
                run[1]);
        assertEquals(1, run[2].lines().count(), run[2]);
        assertTrue(run[2].startsWith("WARNING: Nabla runs on its scalar kernels, about 10x slower"), run[2]);
        assertTrue(run[2].contains(FLAG), run[2]);
    }

    @Test
    void withoutTheVectorModuleFailsWhenTheVectorKernelsAreRequired(@TempDir Path dir) throws Exception {
        String[] run = infoWithoutTheModule(dir, Map.of("NABLA_REQUIRE_VECTOR", "1"));

        assertEquals("1", run[0], run[1] + run[2]);
        assertTrue(run[2].startsWith("nabla info: Nabla cannot use its vector kernels and NABLA_REQUIRE_VECTOR is"
                + " set: the Vector API module is not loaded; add " + FLAG), run[2]);
        assertFalse(run[2].contains("\tat "), "no stack trace: " + run[2]);
    }

    /** {@code nabla info} in a child JVM without the Vector API module: exit code, stdout, stderr. */
    private static String[] infoWithoutTheModule(Path dir, Map<String, String> environment)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "info");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("NABLA_REQUIRE_VECTOR");
        builder.environment().putAll(environment);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        assertTrue(finished, "child JVM did not finish within 60 s");
        return new String[] {Integer.toString(child.exitValue()), Files.readString(out), Files.readString(err)};
    }
}
