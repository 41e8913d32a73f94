package dev.nabla.cli.experiment;

import static dev.nabla.cli.experiment.Setting.Kind.INTEGER;
import static dev.nabla.cli.experiment.Setting.Kind.STRING;

import dev.nabla.cli.config.ConfigNode;
import dev.nabla.io.ModelFile;
import dev.nabla.onnx.Onnx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code export} section of an experiment file: after training, the run's best (or last)
 * model is written in another format beside its other files, as {@code ./nabla export} would.
 *
 * <pre>{@code
 * export: {format: onnx, opset: 17, file: model.onnx, model: best}
 * }</pre>
 *
 * @param format the format (onnx, the one there is)
 * @param opset  the ONNX opset, 17 or newer
 * @param file   the file to write, relative to the run's output directory
 * @param model  which model file of the run: {@code best} or {@code last}
 */
public record ExportSpec(String format, int opset, String file, String model) {

    /** The section's settings, for the reference page. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.choice("format", "onnx", List.of("onnx")),
            Setting.optional("opset", INTEGER, Onnx.DEFAULT_OPSET),
            Setting.optional("file", STRING, "model.onnx"),
            Setting.choice("model", "best", List.of("best", "last")));

    /** Reads the section; a bare {@code export: onnx} takes every default. */
    static ExportSpec parse(ConfigNode node) {
        if (!node.isMap()) {
            String format = node.asString();
            if (!format.equalsIgnoreCase("onnx")) {
                throw node.error("unknown export format '" + format + "'; the one there is: onnx");
            }
            return new ExportSpec("onnx", Onnx.DEFAULT_OPSET, "model.onnx", "best");
        }
        Map<String, Object> values = Setting.read(node.asMap(), SETTINGS, Map.of(), List.of());
        int opset = (Integer) values.get("opset");
        if (opset < Onnx.DEFAULT_OPSET) {
            throw node.asMap().get("opset").error("the ONNX opset must be " + Onnx.DEFAULT_OPSET + " or newer, got "
                    + opset);
        }
        String file = (String) values.get("file");
        if (file.isBlank() || Path.of(file).isAbsolute() || Path.of(file).normalize().startsWith("..")) {
            throw node.asMap().get("file").error("the export file must be a path inside the run's output directory,"
                    + " got '" + file + "'");
        }
        return new ExportSpec((String) values.get("format"), opset, file, (String) values.get("model"));
    }

    /** The section as {@code config.resolved.yaml} writes it. */
    Map<String, Object> resolved() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", format);
        out.put("opset", opset);
        out.put("file", file);
        out.put("model", model);
        return out;
    }

    /** Writes the run's model file in this format; the file written. */
    Path write(Path output, PrintWriter out) throws IOException {
        Path source = output.resolve(model + ".nabla");
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("export: the run wrote no " + source.getFileName() + " to export"
                    + " (a cross-validation run keeps no model)");
        }
        ModelFile.LoadedModel loaded = ModelFile.load(source);
        int[] sampleShape = ModelInfo.of(loaded).inputShape();
        if (sampleShape == null) {
            throw new IllegalStateException("export: " + source + " does not record the shape of its input");
        }
        Path target = output.resolve(file);
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Onnx.export(loaded.model(), sampleShape, target, opset, ModelFiles.exportMetadata(loaded));
        out.println("wrote " + target + " (ONNX opset " + opset + ", input [batch, " + String.join(", ",
                java.util.Arrays.stream(sampleShape).mapToObj(Integer::toString).toList()) + "])");
        out.flush();
        return target;
    }
}
