package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.required;

import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.tensor.Tensor;
import java.util.List;

/** Constant, ConstantOfShape and Range: values made by the graph itself. */
final class Constants {

    private static final TensorReader READER = new TensorReader(null);

    private Constants() {
    }

    static List<Value> constant(OnnxNode n, List<Value> in) {
        if (n.has("value")) {
            return List.of(READER.read(n.attribute("value").getT(), n.where() + " value"));
        }
        if (n.has("value_float")) {
            return List.of(Value.of(Tensor.scalar(n.real("value_float", 0f))));
        }
        if (n.has("value_floats")) {
            float[] values = n.reals("value_floats");
            return List.of(Value.of(Tensor.of(values, values.length)));
        }
        if (n.has("value_int")) {
            return List.of(new Value(Tensor.scalar(n.integer("value_int", 0)), Value.INT64));
        }
        if (n.has("value_ints")) {
            return List.of(Value.longs(n.integers("value_ints", null)));
        }
        throw new IllegalArgumentException("a Constant needs value, value_float(s) or value_int(s)");
    }

    static List<Value> constantOfShape(OnnxNode n, List<Value> in) {
        int[] dims = required(n, in, 0).toInts();
        long count = 1;
        for (int d : dims) {
            count *= d;
            if (d < 0 || count > TensorReader.MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + java.util.Arrays.toString(dims) + " is too large");
            }
        }
        AttributeProto value = n.attribute("value");
        Value fill = value == null ? Value.of(Tensor.scalar(0f)) : READER.read(value.getT(), n.where() + " value");
        return List.of(new Value(Tensor.full(fill.tensor().toFloatArray()[0], dims), fill.type()));
    }

    static List<Value> range(OnnxNode n, List<Value> in) {
        Value start = required(n, in, 0);
        float first = start.tensor().item();
        float limit = required(n, in, 1).tensor().item();
        float delta = required(n, in, 2).tensor().item();
        int count = (int) Math.max(0, Math.ceil((limit - first) / delta));
        if (count > TensorReader.MAX_ELEMENTS) {
            throw new IllegalArgumentException("a range of " + count + " elements is too large");
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = first + i * delta;
        }
        return List.of(new Value(Tensor.of(values, count), start.type()));
    }
}
