package dev.nabla.onnx;

import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.onnx.proto.OnnxProtos.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One node of an imported graph with typed access to its attributes. */
final class OnnxNode {

    private final NodeProto proto;
    private final Map<String, AttributeProto> attributes = new HashMap<>();
    private final int opset;

    OnnxNode(NodeProto proto, int opset) {
        this.proto = proto;
        this.opset = opset;
        proto.getAttributeList().forEach(a -> attributes.put(a.getName(), a));
    }

    NodeProto proto() {
        return proto;
    }

    String opType() {
        return proto.getOpType();
    }

    List<String> inputs() {
        return proto.getInputList();
    }

    List<String> outputs() {
        return proto.getOutputList();
    }

    /** The opset version the model imports for the default domain. */
    int opset() {
        return opset;
    }

    /** {@code node 'conv1' (Conv)}, for messages. */
    String where() {
        String name = proto.getName().isEmpty() ? proto.getOutputCount() > 0 ? proto.getOutput(0) : "?"
                : proto.getName();
        return "node '" + name + "' (" + proto.getOpType() + ")";
    }

    boolean has(String name) {
        return attributes.containsKey(name);
    }

    long integer(String name, long otherwise) {
        AttributeProto a = attributes.get(name);
        return a == null ? otherwise : checked(a, AttributeProto.AttributeType.INT).getI();
    }

    float real(String name, float otherwise) {
        AttributeProto a = attributes.get(name);
        return a == null ? otherwise : checked(a, AttributeProto.AttributeType.FLOAT).getF();
    }

    String text(String name, String otherwise) {
        AttributeProto a = attributes.get(name);
        return a == null ? otherwise : checked(a, AttributeProto.AttributeType.STRING).getS().toStringUtf8();
    }

    long[] integers(String name, long[] otherwise) {
        AttributeProto a = attributes.get(name);
        return a == null ? otherwise : checked(a, AttributeProto.AttributeType.INTS).getIntsList().stream()
                .mapToLong(Long::longValue).toArray();
    }

    float[] reals(String name) {
        List<Float> values = checked(attributes.get(name), AttributeProto.AttributeType.FLOATS).getFloatsList();
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    AttributeProto attribute(String name) {
        return attributes.get(name);
    }

    private AttributeProto checked(AttributeProto a, AttributeProto.AttributeType expected) {
        // Old files leave the type out; then the field that is set says it.
        if (a.hasType() && a.getType() != expected) {
            throw new IllegalArgumentException(where() + ": attribute '" + a.getName() + "' should be "
                    + expected + ", the file has " + a.getType());
        }
        return a;
    }
}
