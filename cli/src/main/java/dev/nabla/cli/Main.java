package dev.nabla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
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
                DemoCommand.class,
                HelpCommand.class,
        })
public final class Main {

    private Main() {
    }

    /** The command line with all subcommands, ready to {@code execute}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
