package dev.nabla.onnx;

import dev.nabla.nn.Graph;
import dev.nabla.nn.GraphNode;
import dev.nabla.nn.Inference;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.Residual;
import dev.nabla.nn.DenseBlock;
import dev.nabla.onnx.proto.OnnxProtos.GraphProto;
import dev.nabla.onnx.proto.OnnxProtos.ModelProto;
import dev.nabla.onnx.proto.OnnxProtos.OperatorSetIdProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorShapeProto;
import dev.nabla.onnx.proto.OnnxProtos.TypeProto;
import dev.nabla.onnx.proto.OnnxProtos.ValueInfoProto;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a model and writes it as an ONNX graph: into {@link Sequential}s, {@link Graph}s,
 * {@link Residual} blocks and {@link DenseBlock}s,
 * and through each other layer's {@link LayerExporter}. A sample batch of one runs alongside
 * (at inference), so every exporter sees its inputs' and outputs' shapes; the batch
 * dimension of the inputs and outputs is left free ({@code batch}).
 */
final class ModelExporter {

    /** The IR version that opset 17 to 21 belong to (ONNX 1.12 to 1.16 write 8 to 10; 8 is read by all). */
    private static final long IR_VERSION = 8;

    private final OnnxWriter writer;

    private ModelExporter(int opset) {
        this.writer = new OnnxWriter(opset);
    }

    /** An ONNX value: its name, its sample for a batch of one, and the name of its padding mask (or null). */
    record Value(String name, Tensor sample, String mask) {
    }

    static ModelProto export(Layer model, int[] sampleShape, int opset) {
        if (opset < 17) {
            throw new IllegalArgumentException("ONNX export writes opset 17 or newer, not " + opset);
        }
        ModelExporter exporter = new ModelExporter(opset);
        List<Value> inputs = new ArrayList<>();
        if (model instanceof Graph graph && graph.getClass() == Graph.class) {
            for (GraphNode input : graph.inputNodes()) {
                inputs.add(exporter.input(input.inputName(), input.sampleShape().toArray()));
            }
        } else if (model instanceof OnnxModel imported && sampleShape == null) {
            for (int i = 0; i < imported.inputNames().size(); i++) {
                int[] shape = imported.sampleShape(i);
                if (shape == null) {
                    throw new IllegalArgumentException("ONNX export: input '" + imported.inputNames().get(i)
                            + "' of the imported model has free dimensions besides the batch; give the sample shape");
                }
                inputs.add(exporter.input(imported.inputNames().get(i), shape));
            }
        } else {
            if (sampleShape == null) {
                throw new IllegalArgumentException("ONNX export: give the shape of one sample (without the batch),"
                        + " e.g. 1, 28, 28");
            }
            String name = model instanceof OnnxModel imported && imported.inputNames().size() == 1
                    ? imported.inputNames().get(0) : "input";
            inputs.add(exporter.input(name, sampleShape));
        }
        List<Value> outputs;
        try (Inference ignored = Inference.enter()) {
            outputs = exporter.visit(model, "", inputs);
        }
        List<String> outputNames = outputNames(model, outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            String name = exporter.writer.fresh(outputNames.get(i));
            exporter.writer.identity(name, outputs.get(i).name());
            exporter.writer.graph().addOutput(valueInfo(name, outputs.get(i).sample()));
        }
        GraphProto graph = exporter.writer.graph().setName(model.getClass().getSimpleName()).build();
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("nabla")
                .setProducerVersion(ModelExporter.class.getPackage().getImplementationVersion() == null ? "dev"
                        : ModelExporter.class.getPackage().getImplementationVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    private static List<String> outputNames(Layer model, int count) {
        List<String> names = new ArrayList<>();
        if (model instanceof Graph graph && graph.getClass() == Graph.class) {
            for (GraphNode output : graph.outputNodes()) {
                names.add(graph.nameOf(output.layer()) + (output.outputIndex() == 0 ? "" : "_" + output.outputIndex()));
            }
        } else if (model instanceof OnnxModel imported) {
            names.addAll(imported.outputNames());
        } else {
            for (int i = 0; i < count; i++) {
                names.add(count == 1 ? "output" : "output_" + i);
            }
        }
        return names;
    }

    private Value input(String name, int[] sampleShape) {
        writer.reserve(name);
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        Tensor sample = Tensor.zeros(dims);
        writer.graph().addInput(valueInfo(name, sample));
        return new Value(name, sample, null);
    }

    /** A float tensor's type with a free first (batch) dimension. */
    private static ValueInfoProto valueInfo(String name, Tensor sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        int[] dims = sample.shape().toArray();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(i == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(1).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private List<Value> visit(Layer layer, String path, List<Value> inputs) {
        if (layer.getClass() == Sequential.class) {
            List<Value> x = inputs;
            for (Map.Entry<String, Layer> child : layer.children().entrySet()) {
                x = visit(child.getValue(), join(path, child.getKey()), x);
            }
            return x;
        }
        if (layer.getClass() == Graph.class) {
            return visitGraph((Graph) layer, path, inputs);
        }
        if (layer.getClass() == Residual.class) {
            return List.of(visitResidual((Residual) layer, path, inputs.get(0)));
        }
        if (layer.getClass() == DenseBlock.class) {
            return List.of(visitDenseBlock((DenseBlock) layer, path, inputs.get(0)));
        }
        return visitLayer(layer, path, inputs);
    }

    /** The path's layers, the shortcut (or the input), their sum and the activation after it. */
    private Value visitResidual(Residual block, String path, Value input) {
        List<Value> x = List.of(input);
        for (Map.Entry<String, Layer> child : block.children().entrySet()) {
            if (child.getValue() != block.shortcut()) {
                x = visit(child.getValue(), join(path, child.getKey()), x);
            }
        }
        Value skip = input;
        if (block.shortcut() != null) {
            String name = block.children().entrySet().stream().filter(e -> e.getValue() == block.shortcut())
                    .findFirst().orElseThrow().getKey();
            skip = visit(block.shortcut(), join(path, name), List.of(input)).get(0);
        }
        Value sum = x.get(0);
        String added = writer.node("Add", path, sum.name(), skip.name());
        Tensor sample = block.activation().apply(sum.sample().add(skip.sample()));
        return new Value(ActivationExporters.apply(writer, block.activation(), added, path), sample, null);
    }

    /** Each layer on the channels so far, its output joined to them (Concat on axis 1). */
    private Value visitDenseBlock(DenseBlock block, String path, Value input) {
        Value joined = input;
        for (Map.Entry<String, Layer> child : block.children().entrySet()) {
            Value added = visit(child.getValue(), join(path, child.getKey()), List.of(joined)).get(0);
            String name = writer.node("Concat", path, List.of(joined.name(), added.name()),
                    OnnxWriter.attribute("axis", 1L));
            joined = new Value(name, Tensor.concat(1, joined.sample(), added.sample()), null);
        }
        return joined;
    }

    private List<Value> visitGraph(Graph graph, String path, List<Value> inputs) {
        Map<GraphNode, List<Value>> values = new IdentityHashMap<>();
        for (int i = 0; i < graph.inputNodes().size(); i++) {
            values.put(graph.inputNodes().get(i), List.of(inputs.get(i)));
        }
        for (GraphNode node : graph.nodes()) {
            if (!node.isInput()) {
                List<Value> args = node.inputs().stream()
                        .map(input -> values.get(input.application()).get(input.outputIndex())).toList();
                values.put(node, visit(node.layer(), join(path, graph.nameOf(node.layer())), args));
            }
        }
        return graph.outputNodes().stream()
                .map(output -> values.get(output.application()).get(output.outputIndex())).toList();
    }

    private <L extends Layer> List<Value> visitLayer(L layer, String path, List<Value> inputs) {
        LayerExporter<L> exporter = LayerExporters.find(layer);
        String where = path.isEmpty() ? "the model" : "layer '" + path + "'";
        if (exporter == null) {
            throw new IllegalArgumentException("ONNX export: " + where + " (" + layer.getClass().getName()
                    + ") has no ONNX form; register one with LayerExporters.register("
                    + layer.getClass().getSimpleName() + ".class, ...)");
        }
        List<Tensor> samples = inputs.stream().map(Value::sample).toList();
        List<Tensor> outputs = layer.forwardAll(samples);
        ExportContext context = new ExportContext(path, inputs.stream().map(Value::name).toList(), samples, outputs,
                writer, inputs.stream().map(Value::mask).toList(), new String[outputs.size()]);
        List<String> names = exporter.export(layer, context);
        if (names.size() != outputs.size()) {
            throw new IllegalStateException("ONNX export: the exporter of " + where + " wrote " + names.size()
                    + " outputs, but the layer gives " + outputs.size());
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Value(names.get(i), outputs.get(i), outputMask(context, i, inputs, where)));
        }
        return out;
    }

    /**
     * The mask of output {@code i}: the one its exporter made, else (when the layer passed one on,
     * as layers that work on each step alone do) its first input's mask over the same steps.
     */
    private static String outputMask(ExportContext context, int i, List<Value> inputs, String where) {
        Tensor mask = dev.nabla.nn.Masks.of(context.outputs().get(i));
        if (mask == null) {
            return null;
        }
        if (context.outputMasks()[i] != null) {
            return context.outputMasks()[i];
        }
        for (Value input : inputs) {
            Tensor given = dev.nabla.nn.Masks.of(input.sample());
            if (input.mask() != null && given != null && given.shape().equals(mask.shape())) {
                return input.mask();
            }
        }
        throw new IllegalArgumentException("ONNX export: " + where + " gives a padding mask (dev.nabla.nn.Masks)"
                + " that its ONNX form does not compute");
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
