package dev.nabla.cli;

import dev.nabla.cli.experiment.Experiment;
import dev.nabla.cli.experiment.ExperimentRun;
import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.io.ModelFile;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Summary;
import dev.nabla.onnx.Onnx;
import dev.nabla.onnx.OnnxModel;
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

/** {@code nabla summary EXPERIMENT.yaml|MODEL}: Keras's summary table of a model. */
@Command(name = "summary", description = "Print the layers, output shapes and parameter counts of the model an"
        + " experiment file describes or a model file holds.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT.yaml|MODEL", description = "An experiment file (.yaml), a model file (.nabla)"
            + " or an ONNX file (.onnx).")
    private Path file;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W",
            description = "One sample's shape, for a model file that does not record it.")
    private int[] inputShape;

    @Override
    public Integer call() throws IOException {
        String name = file.getFileName().toString();
        Layer model;
        int[] sampleShape = inputShape;
        if (name.endsWith(".onnx")) {
            return summariseOnnx();
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Experiment experiment = Experiment.read(file, Experiment.Overrides.NONE);
            if (sampleShape == null) {
                sampleShape = ExperimentRun.sampleShape(experiment);
            }
            Layer.manualSeed(experiment.training().seed());
            model = experiment.model().build(sampleShape);
        } else {
            ModelFile.LoadedModel loaded = ModelFile.load(file);
            model = loaded.model();
            if (sampleShape == null) {
                sampleShape = ModelInfo.of(loaded).inputShape();
            }
            if (sampleShape == null) {
                throw new ParameterException(spec.commandLine(), file + " does not record the shape of its input;"
                        + " give it with --input-shape, e.g. --input-shape 1,28,28");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Summary.of(model, sampleShape));
        out.flush();
        return 0;
    }

    /** An ONNX file's inputs, outputs, operators and parameters, as Onnx.load reads it. */
    private Integer summariseOnnx() throws IOException {
        OnnxModel model = Onnx.load(file);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ONNX model " + file.getFileName() + " (opset " + model.opset() + ")");
        for (int i = 0; i < model.inputNames().size(); i++) {
            out.println("  input  " + model.inputNames().get(i) + " " + java.util.Arrays.toString(model.inputShape(i))
                    .replace("-1", "?"));
        }
        model.outputNames().forEach(output -> out.println("  output " + output));
        out.println("Operators: " + String.join(", ", model.operators()));
        out.println(String.format(java.util.Locale.ROOT, "Parameters: %,d in %d tensors", model.parameterCount(),
                model.parameters().size()));
        out.flush();
        return 0;
    }
}
