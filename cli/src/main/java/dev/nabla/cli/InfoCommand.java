package dev.nabla.cli;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Parallel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nabla info}: the Nabla version, the JDK, the kernels and threads in use. */
@Command(name = "info",
        description = "Show the Nabla version, the JDK, the kernels and the threads in use.")
final class InfoCommand implements Callable<Integer> {

    private static final double GIB = 1L << 30;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        line(out, "Nabla", NablaVersion.get());
        line(out, "Java", System.getProperty("java.version") + ", "
                + System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")");
        line(out, "Java home", System.getProperty("java.home"));
        line(out, "Kernels", KernelProvider.description());
        line(out, "Threads", Parallel.threads() + " (set NABLA_THREADS to change)");
        line(out, "Processors", String.valueOf(runtime.availableProcessors()));
        line(out, "Max heap", String.format(Locale.ROOT, "%.1f GiB", runtime.maxMemory() / GIB));
        out.flush();
        return 0;
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-11s %s%n", label, value);
    }
}
