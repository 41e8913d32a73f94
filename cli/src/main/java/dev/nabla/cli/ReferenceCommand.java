package dev.nabla.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nabla reference [--output FILE]}: the reference of every name an experiment file may use, as Markdown. */
@Command(name = "reference", description = "Print (or write) the reference of the layer types, activations, losses,"
        + " metrics, optimizers, callbacks and schedules an experiment file may name, with their arguments"
        + " (docs/reference.md).")
final class ReferenceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of printing.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        String markdown = ReferenceMarkdown.render();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(markdown);
            out.flush();
        } else {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
