package dev.nabla.cli;

import dev.nabla.monitoring.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla dashboard [RUNS_DIR]}: the live dashboard of the runs under a directory. */
@Command(name = "dashboard", description = "Serve a live dashboard of the runs under a directory on 127.0.0.1: loss"
        + " and metric curves, learning rate, gradient norms and configuration, read from the TensorBoard event files"
        + " that the tensorboard callback (or train --dashboard) writes; the page updates itself as runs go on.")
final class DashboardCommand implements Callable<Integer> {

    /** The port when none is given. */
    static final int DEFAULT_PORT = 6060;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RUNS_DIR", description = "The directory holding the runs (default: runs).")
    private Path runs = Path.of("runs");

    @Option(names = "--port", paramLabel = "N", description = "The port on 127.0.0.1 (default: " + DEFAULT_PORT
            + "; 0 for any free one).")
    private int port = DEFAULT_PORT;

    @Option(names = "--stop-after", paramLabel = "SECONDS",
            description = "Stop serving after this many seconds (default: serve until interrupted with Ctrl+C).")
    private Integer stopAfter;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (stopAfter != null && stopAfter < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-after must be at least 1, got " + stopAfter);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Dashboard dashboard = start(runs, port, spec)) {
            out.println("dashboard of " + runs + " at " + dashboard.uri()
                    + (stopAfter == null ? " (Ctrl+C to stop)" : " for " + stopAfter + " s"));
            out.flush();
            CountDownLatch never = new CountDownLatch(1);
            if (stopAfter == null) {
                never.await();
            } else {
                never.await(stopAfter, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    /** Starts a dashboard, a port out of range being the user's mistake. */
    static Dashboard start(Path runs, int port, CommandSpec spec) throws IOException {
        try {
            return Dashboard.start(runs, port);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
