package dev.nabla.cli;

import dev.nabla.cli.experiment.DataSpec;
import dev.nabla.cli.experiment.Experiment;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla summary EXPERIMENT.yaml}: Keras's summary table of the model a file describes. */
@Command(name = "summary", description = "Print the layers, output shapes and parameter counts of the model an"
        + " experiment file describes.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "An experiment file (.yaml).")
    private Path file;

    @Override
    public Integer call() throws IOException {
        Experiment experiment = Experiment.read(file, Experiment.Overrides.NONE);
        int[] sampleShape = experiment.sampleShape();
        if (sampleShape == null) {
            sampleShape = DataSpec.sampleShapeOf(experiment.data().load());
        }
        Layer.manualSeed(experiment.training().seed());
        Layer model = experiment.model().build(sampleShape);
        PrintWriter out = spec.commandLine().getOut();
        out.print(Summary.of(model, sampleShape));
        out.flush();
        return 0;
    }
}
