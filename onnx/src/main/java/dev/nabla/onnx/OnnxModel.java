package dev.nabla.onnx;

import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.onnx.proto.OnnxProtos.GraphProto;
import dev.nabla.onnx.proto.OnnxProtos.TensorProto;
import dev.nabla.onnx.proto.OnnxProtos.ValueInfoProto;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph as a Nabla layer: its nodes run as Nabla tensor ops, so the model predicts,
 * and trains, like any other. Float initializers are its parameters (state-dict keys are the
 * initializer names with dots replaced by underscores); integer initializers (shapes, indices)
 * are constants. Made by {@link Onnx#load}.
 *
 * <p>Inputs are matched by position to the graph's inputs ({@link #inputNames()}); integer
 * inputs, such as token ids, arrive as float tensors holding whole numbers.
 */
public final class OnnxModel extends Layer {

    private final GraphProto graph;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Value> constants = new LinkedHashMap<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final int opset;
    private Map<String, String> metadata = Map.of();

    OnnxModel(GraphProto graph, int opset, TensorReader reader) {
        this.graph = graph;
        this.opset = opset;
        Map<String, String> taken = new HashMap<>();
        for (TensorProto initializer : graph.getInitializerList()) {
            Value value = reader.read(initializer, "initializer '" + initializer.getName() + "'");
            if (value.type() == Value.FLOAT || value.type() == Value.DOUBLE || value.type() == Value.FLOAT16
                    || value.type() == Value.BFLOAT16) {
                String key = parameterKey(initializer.getName(), taken);
                parameters.put(initializer.getName(), addParameter(key, value.tensor()));
            } else {
                constants.put(initializer.getName(), value);
            }
        }
        for (ValueInfoProto input : graph.getInputList()) {
            if (!parameters.containsKey(input.getName()) && !constants.containsKey(input.getName())) {
                inputs.add(input);
            }
        }
        for (var node : graph.getNodeList()) {
            OnnxNode onnxNode = new OnnxNode(node, opset);
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw new IllegalArgumentException("ONNX import: " + onnxNode.where() + " is from domain '"
                        + node.getDomain() + "'; only ONNX's standard operators are supported");
            }
            Operators.check(onnxNode);
            nodes.add(onnxNode);
        }
    }

    private static String parameterKey(String name, Map<String, String> taken) {
        String base = name.isEmpty() ? "initializer" : name.replace('.', '_');
        String key = base;
        for (int n = 1; taken.containsKey(key); n++) {
            key = base + "_" + n;
        }
        taken.put(key, name);
        return key;
    }

    /** The names of the graph's inputs, in the order {@link #forwardAll} takes them. */
    public List<String> inputNames() {
        return inputs.stream().map(ValueInfoProto::getName).toList();
    }

    /** The names of the graph's outputs, in the order {@link #forwardAll} gives them. */
    public List<String> outputNames() {
        return graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
    }

    /** The operators the graph uses, each once, in order of first use. */
    public List<String> operators() {
        return nodes.stream().map(OnnxNode::opType).distinct().toList();
    }

    /** The file's metadata entries ({@code metadata_props}), in file order; empty when it has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    void metadata(Map<String, String> entries) {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The opset version of the model's standard operators. */
    public int opset() {
        return opset;
    }

    /** The declared shape of input {@code index}, batch first, -1 where a dimension is free (named or unknown). */
    public int[] inputShape(int index) {
        var shape = inputs.get(index).getType().getTensorType().getShape();
        int[] dims = new int[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getDim(i).hasDimValue() ? (int) shape.getDim(i).getDimValue() : -1;
        }
        return dims;
    }

    /** One sample's declared shape of input {@code index}, without the batch; null where a dimension is free. */
    public int[] sampleShape(int index) {
        int[] dims = inputShape(index);
        if (dims.length == 0 || java.util.Arrays.stream(dims, 1, dims.length).anyMatch(d -> d < 0)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(dims, 1, dims.length);
    }

    @Override
    protected Tensor call(Tensor input) {
        return forward(List.of(input));
    }

    @Override
    public Tensor forward(List<Tensor> values) {
        return forwardAll(values).get(0);
    }

    @Override
    public List<Tensor> forwardAll(List<Tensor> values) {
        return run(values).stream().map(Value::tensor).toList();
    }

    /** Every graph output, with its ONNX element type. */
    List<Value> run(List<Tensor> values) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException(path() + ": the ONNX graph takes " + inputs.size() + " inputs "
                    + inputNames() + ", got " + values.size());
        }
        Map<String, Value> env = new HashMap<>(constants);
        parameters.forEach((name, p) -> env.put(name, Value.of(p.value())));
        for (int i = 0; i < inputs.size(); i++) {
            int type = inputs.get(i).getType().getTensorType().getElemType();
            env.put(inputs.get(i).getName(), new Value(values.get(i), type == 0 ? Value.FLOAT : type));
        }
        for (OnnxNode node : nodes) {
            List<Value> args = new ArrayList<>();
            for (String name : node.inputs()) {
                if (name.isEmpty()) {
                    args.add(null);
                } else if (!env.containsKey(name)) {
                    throw new IllegalArgumentException("ONNX model: " + node.where() + " reads '" + name
                            + "', which no earlier node, input or initializer gives");
                } else {
                    args.add(env.get(name));
                }
            }
            List<Value> out = Operators.apply(node, args);
            for (int i = 0; i < node.outputs().size() && i < out.size(); i++) {
                if (!node.outputs().get(i).isEmpty()) {
                    env.put(node.outputs().get(i), out.get(i));
                }
            }
        }
        List<Value> out = new ArrayList<>();
        for (ValueInfoProto output : graph.getOutputList()) {
            Value v = env.get(output.getName());
            if (v == null) {
                throw new IllegalArgumentException("ONNX model: output '" + output.getName() + "' is never computed");
            }
            out.add(v);
        }
        return out;
    }

    GraphProto graph() {
        return graph;
    }

    List<OnnxNode> nodes() {
        return nodes;
    }

    Map<String, Parameter> parametersByInitializer() {
        return parameters;
    }

    Map<String, Value> constants() {
        return constants;
    }

    List<ValueInfoProto> graphInputs() {
        return inputs;
    }

    @Override
    protected String describe() {
        return nodes.size() + " nodes, opset " + opset;
    }
}
