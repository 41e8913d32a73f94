package dev.nabla.cli;

import dev.nabla.cli.config.ConfigException;
import dev.nabla.kernels.VectorKernelsUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code nabla} command. Each subcommand is a small class returning an exit code;
 * to add one, write the class and list it in {@code subcommands} below.
 *
 * <p>Run through the {@code ./nabla} launcher, which passes the JVM flags Nabla needs
 * ({@code --add-modules jdk.incubator.vector} and friends).
 */
@Command(
        name = "nabla",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // every subcommand gets -h and -V
        versionProvider = NablaVersion.Provider.class,
        description = "Deep learning for the JVM: tensors, autograd, layers, training.",
        subcommands = {
                InfoCommand.class,
                TrainCommand.class,
                TuneCommand.class,
                LearningRateFindCommand.class,
                TuneTrialCommand.class,
                EvaluateCommand.class,
                PredictCommand.class,
                ServeCommand.class,
                GenerateCommand.class,
                SampleCommand.class,
                SummaryCommand.class,
                ExportCommand.class,
                ReferenceCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                DashboardCommand.class,
                ExplainCommand.class,
                HelpCommand.class,
        })
public final class Main {

    private Main() {
    }

    /** The command line with all subcommands, ready to {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::reportError);
        // Wide enough that file names and options (config.resolved.yaml, f1:macro) are not cut in two.
        cli.setUsageHelpWidth(100);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * A mistake in a file or in the data a person can act on is printed as its message, exit
     * code 1; anything else is a bug and keeps its stack trace.
     */
    private static int reportError(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        String message = switch (e) {
            case ConfigException c -> c.getMessage();
            case NoSuchFileException f -> "no such file: " + f.getMessage();
            case IOException io -> io.getMessage();
            case UncheckedIOException io -> io.getMessage();
            case IllegalArgumentException argument -> argument.getMessage();
            case VectorKernelsUnavailableException kernels -> kernels.getMessage();
            default -> throw e;
        };
        command.getErr().println("nabla " + command.getCommandName() + ": " + message);
        command.getErr().flush();
        return 1;
    }
}
