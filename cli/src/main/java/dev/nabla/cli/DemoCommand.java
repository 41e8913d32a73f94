package dev.nabla.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla demo}: fits a straight line with autograd and prints how it goes. */
@Command(name = "demo",
        description = "Fit a straight line to noisy points of y = 3x + 2 with autograd and gradient descent.")
final class DemoCommand implements Callable<Integer> {

    private static final int REPORT_EVERY = 50;

    @Spec
    private CommandSpec spec;

    @Option(names = "--steps", defaultValue = "200",
            description = "Gradient descent steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--learning-rate", defaultValue = "0.1",
            description = "Step size (default: ${DEFAULT-VALUE}).")
    private float learningRate;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed for the points and the noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
        }
        PrintWriter out = spec.commandLine().getOut();
        LineFit.Result fit = LineFit.fit(seed, steps, learningRate, (step, loss) -> {
            if (step % REPORT_EVERY == 0 || step == steps - 1) {
                out.printf(Locale.ROOT, "step %d loss %.4f%n", step, loss);
                out.flush();
            }
        });
        out.printf(Locale.ROOT, "fitted y = %.3fx %s %.3f (true %s)%n",
                fit.slope(), fit.intercept() < 0 ? "-" : "+", Math.abs(fit.intercept()), LineFit.TRUE_LINE);
        out.flush();
        return 0;
    }
}
