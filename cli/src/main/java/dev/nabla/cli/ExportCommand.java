package dev.nabla.cli;

import dev.nabla.cli.experiment.ModelFiles;
import dev.nabla.cli.experiment.ModelInfo;
import dev.nabla.io.ModelFile;
import dev.nabla.onnx.Onnx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nabla export MODEL --format onnx}: a model file as an ONNX file for ONNX Runtime and other tools. */
@Command(name = "export", description = "Write a model file (.nabla) in another format: ONNX, for ONNX Runtime,"
        + " TensorRT, OpenVINO and other ONNX tools.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A model file (.nabla), as ./nabla train writes.")
    private Path file;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT",
            description = "The format to write; onnx is the one there is (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--opset", defaultValue = "17", paramLabel = "N",
            description = "The ONNX opset version, 17 or newer (default: ${DEFAULT-VALUE}).")
    private int opset;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (default: MODEL with the extension .onnx).")
    private Path output;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W",
            description = "One sample's shape, for a model file that does not record it.")
    private int[] inputShape;

    @Override
    public Integer call() throws IOException {
        if (!format.equalsIgnoreCase("onnx")) {
            throw new ParameterException(spec.commandLine(), "unknown format '" + format + "'; the one there is: onnx");
        }
        ModelFile.LoadedModel loaded = ModelFile.load(file);
        int[] sampleShape = inputShape != null ? inputShape : ModelInfo.of(loaded).inputShape();
        if (sampleShape == null) {
            throw new ParameterException(spec.commandLine(), file + " does not record the shape of its input;"
                    + " give it with --input-shape, e.g. --input-shape 1,28,28");
        }
        Path target = output != null ? output : onnxBeside(file);
        Onnx.export(loaded.model(), sampleShape, target, opset, ModelFiles.exportMetadata(loaded));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + target + " (ONNX opset " + opset + ", input [batch, "
                + String.join(", ", java.util.Arrays.stream(sampleShape).mapToObj(Integer::toString).toList()) + "])");
        out.flush();
        return 0;
    }

    private static Path onnxBeside(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".onnx");
    }
}
