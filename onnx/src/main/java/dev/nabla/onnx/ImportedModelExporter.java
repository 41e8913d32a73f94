package dev.nabla.onnx;

import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an imported {@link OnnxModel} back as ONNX: its nodes as they came, its parameters
 * with their current (perhaps fine-tuned) values, every name made unique in the new graph.
 */
final class ImportedModelExporter {

    private ImportedModelExporter() {
    }

    static List<String> export(OnnxModel model, ExportContext c) {
        OnnxWriter w = c.writer();
        Map<String, String> names = new HashMap<>();
        List<String> inputs = model.inputNames();
        for (int i = 0; i < inputs.size(); i++) {
            names.put(inputs.get(i), c.inputs().get(i));
        }
        model.parametersByInitializer().forEach((name, parameter) ->
                names.put(name, w.initializer(c.name(name), parameter.value())));
        model.constants().forEach((name, value) -> {
            String fresh = w.fresh(c.name(name));
            names.put(name, fresh);
            TensorProto.Builder proto = OnnxTensors.valueProto(fresh, value);
            w.graph().addInitializer(proto);
        });
        for (OnnxNode node : model.nodes()) {
            NodeProto.Builder copy = node.proto().toBuilder().clearInput().clearOutput()
                    .setName(w.fresh(c.name(node.proto().getName().isEmpty() ? node.opType() : node.proto().getName())));
            for (String input : node.inputs()) {
                copy.addInput(input.isEmpty() ? "" : names.get(input));
            }
            for (String output : node.outputs()) {
                String fresh = output.isEmpty() ? "" : w.fresh(c.name(output));
                names.put(output, fresh);
                copy.addOutput(fresh);
            }
            w.graph().addNode(copy);
        }
        return model.outputNames().stream().map(names::get).toList();
    }
}
