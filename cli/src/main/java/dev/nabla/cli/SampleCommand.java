package dev.nabla.cli;

import dev.nabla.generative.GenerativeModel;
import dev.nabla.generative.SampleGrid;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nabla sample MODEL --count 64 --output grid.png [--label K]}: new images from a GAN or VAE checkpoint. */
@Command(name = "sample", description = "Draw new images from a generative model file (a GAN's or VAE's checkpoint,"
        + " such as runs/NAME/last.nabla) and write them as one PNG grid.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A GAN's or VAE's model file (.nabla).")
    private Path file;

    @Option(names = "--count", defaultValue = "64", paramLabel = "N",
            description = "How many images (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--output", required = true, paramLabel = "PNG", description = "The PNG file to write.")
    private Path output;

    @Option(names = "--label", defaultValue = "-1", paramLabel = "K",
            description = "For a conditional GAN: images of class K only; by default every class in turn, one class"
                    + " per column.")
    private int label;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the noise: the same seed gives the same images (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        GenerativeModel model = GenerativeModel.load(file);
        Tensor images;
        try {
            images = model.sample(count, label, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--label: " + e.getMessage(), e);
        }
        SampleGrid.write(images, label < 0 && model.classes() > 0 ? model.classes() : 0, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + count + " samples" + (label >= 0 ? " of class " + label : "") + " to " + output);
        out.flush();
        return 0;
    }
}
