package dev.nabla.onnx;

import com.google.protobuf.ByteString;
import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.onnx.proto.OnnxProtos.GraphProto;
import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph an export writes: nodes in order, initializers, unique value names. Exporters of
 * single layers call {@link #node} and {@link #initializer}; names are made unique here, so an
 * exporter may use the layer's path as the base of every name it makes.
 */
public final class OnnxWriter {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final int opset;

    OnnxWriter(int opset) {
        this.opset = opset;
    }

    /** The opset version the file declares: exporters choose operator forms by it. */
    public int opset() {
        return opset;
    }

    /** A name not used yet in this graph: {@code base}, else {@code base_1}, {@code base_2}, ... */
    public String fresh(String base) {
        String name = base.isEmpty() ? "value" : base;
        for (int n = 1; !names.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** Marks a graph input's name as taken. */
    void reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("ONNX export: two inputs are named '" + name + "'");
        }
    }

    /** A float initializer holding a copy of {@code value}, under a fresh name made from {@code base}; its name. */
    public String initializer(String base, Tensor value) {
        String name = fresh(base);
        graph.addInitializer(OnnxTensors.toProto(name, value));
        return name;
    }

    /** An int64 initializer (shapes, axes, indices); its name. */
    public String longs(String base, long... values) {
        String name = fresh(base);
        graph.addInitializer(OnnxTensors.longsProto(name, values));
        return name;
    }

    /** A float scalar initializer; its name. */
    public String scalar(String base, float value) {
        String name = fresh(base);
        graph.addInitializer(OnnxTensors.toProto(name, Tensor.scalar(value)));
        return name;
    }

    /** A node with one output named from {@code base}; the output's name. */
    public String node(String opType, String base, List<String> inputs, AttributeProto... attributes) {
        return nodeWithOutputs(opType, base, 1, inputs, attributes).get(0);
    }

    /** A node with one output, inputs given directly. */
    public String node(String opType, String base, String... inputs) {
        return node(opType, base, Arrays.asList(inputs));
    }

    /** A node with {@code outputs} outputs named {@code base}, {@code base_1}, ...; their names. */
    public List<String> nodeWithOutputs(String opType, String base, int outputs, List<String> inputs,
            AttributeProto... attributes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            out.add(fresh(base));
        }
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(fresh(base + "/" + opType))
                .addAllInput(inputs).addAllOutput(out).addAllAttribute(Arrays.asList(attributes)));
        return out;
    }

    /** An Identity node whose output is {@code output}, a name already made with {@link #fresh}. */
    void identity(String output, String input) {
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(fresh(output + "/Identity"))
                .addInput(input).addOutput(output));
    }

    /** An integer attribute. */
    public static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A float attribute. */
    public static AttributeProto attribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    /** A string attribute. */
    public static AttributeProto attribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** An integer-list attribute. */
    public static AttributeProto attribute(String name, long[] values) {
        AttributeProto.Builder builder = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            builder.addInts(v);
        }
        return builder.build();
    }

    /** An integer-list attribute from ints. */
    public static AttributeProto attribute(String name, int[] values) {
        return attribute(name, Arrays.stream(values).asLongStream().toArray());
    }

    GraphProto.Builder graph() {
        return graph;
    }
}
