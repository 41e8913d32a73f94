package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.kernels.Parallel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench commands on tiny sizes and step counts: the lines they print, never their speed. */
class BenchCommandTest {

    private static final String DATA = "data=(fashion-mnist|random)";

    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    @Test
    void gemmPrintsOneLinePerSize() {
        Run run = Run.nabla("bench", "gemm", "--sizes", "8,17", "--threads", "1", "--min-seconds", "0.001");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).matches("gemm n=8 threads=1 gflops=\\d+\\.\\d"), lines.get(0));
        assertTrue(lines.get(1).matches("gemm n=17 threads=1 gflops=\\d+\\.\\d"), lines.get(1));
    }

    @Test
    void trainPrintsThroughputAllocationAndPeakMemory() {
        for (String model : List.of("mlp", "cnn")) {
            Run run = Run.nabla("bench", "train", "--model", model, "--threads", "2", "--steps", "2", "--warmup", "1",
                    "--window", "1");

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().strip().matches("train model=" + model + " threads=2 samples_per_s=\\d+"
                    + " alloc_mb_per_step=\\d+\\.\\d peak_rss_mb=(\\d+|unknown) " + DATA), run.out());
        }
    }

    @Test
    void generatePrintsTokensPerSecondWithAndWithoutTheCache() {
        Run run = Run.nabla("bench", "generate", "--layers", "1", "--d-model", "16", "--heads", "2", "--vocabulary",
                "10", "--context", "32", "--prompt", "4", "--tokens", "8", "--warmup", "0", "--runs", "1",
                "--threads", "1");
        Run tooLong = Run.nabla("bench", "generate", "--context", "16", "--prompt", "8", "--tokens", "9");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().strip().matches("generate model=gpt layers=1 d_model=16 heads=2 vocabulary=10 context=32"
                + " prompt=4 tokens=8 threads=1 cached_tokens_per_s=\\d+ uncached_tokens_per_s=\\d+"), run.out());
        assertEquals(2, tooLong.exitCode());
        assertTrue(tooLong.err().contains("must fit the context of 16"), tooLong.err());
    }

    @Test
    void inferPrintsLatencyAndThroughput() {
        Run run = Run.nabla("bench", "infer", "--model", "cnn", "--threads", "1", "--calls", "3", "--warmup", "1",
                "--batch-calls", "1", "--batch-warmup", "0");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().strip().matches("infer model=cnn threads=1 batch1_ms=\\d+\\.\\d+"
                + " batch256_samples_per_s=\\d+ " + DATA), run.out());
    }

    @Test
    void inferMeasuresResNet18AtImageNetSizeAtBatchOneAndThirtyTwo() {
        Run run = Run.nabla("bench", "infer", "--model", "resnet18", "--threads", "1", "--calls", "1", "--warmup",
                "0", "--batch-calls", "1", "--batch-warmup", "0");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().strip().matches("infer model=resnet18 threads=1 batch1_ms=\\d+\\.\\d+"
                + " batch32_samples_per_s=\\d+\\.\\d data=random"), run.out());
    }

    @Test
    void anUnknownModelIsNamed() {
        Run run = Run.nabla("bench", "train", "--model", "rnn");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--model must be mlp, cnn, lstm or transformer, got 'rnn'"), run.err());
    }

    @Test
    void anUnknownDataChoiceIsNamed() {
        Run run = Run.nabla("bench", "infer", "--data", "cifar");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--data must be auto, fashion-mnist or random, got 'cifar'"), run.err());
    }

    @Test
    void zeroThreadsAreRefused() {
        Run run = Run.nabla("bench", "gemm", "--threads", "0");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--threads must be at least 1, got 0"), run.err());
    }

    @Test
    void benchWithoutAWorkloadAsksForOne() {
        Run run = Run.nabla("bench");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }
}
