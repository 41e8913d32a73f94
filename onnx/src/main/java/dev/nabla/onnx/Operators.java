package dev.nabla.onnx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ONNX operators an imported graph may use, by name. */
final class Operators {

    private static final Map<String, Operator> OPERATORS = new TreeMap<>();

    static {
        MathOperators.registerAll();
        NeuralOperators.registerAll();
        ShapeOperators.registerAll();
        ReduceOperators.registerAll();
    }

    private Operators() {
    }

    static void register(String opType, Operator operator) {
        OPERATORS.put(opType, operator);
    }

    /** Every operator with an implementation, sorted. */
    static List<String> names() {
        return List.copyOf(OPERATORS.keySet());
    }

    /** Rejects a node whose operator has no implementation, naming the node and the operator. */
    static void check(OnnxNode node) {
        if (!OPERATORS.containsKey(node.opType())) {
            throw new IllegalArgumentException("ONNX import: " + node.where() + " uses the operator "
                    + node.opType() + ", which Nabla does not support (see docs/onnx.md for the operators it does)");
        }
    }

    static List<Value> apply(OnnxNode node, List<Value> inputs) {
        try {
            return OPERATORS.get(node.opType()).apply(node, inputs);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("ONNX model: " + node.where() + ": " + e.getMessage(), e);
        }
    }

    /** Input {@code index}, which the operator requires. */
    static Value required(OnnxNode node, List<Value> inputs, int index) {
        if (index >= inputs.size() || inputs.get(index) == null) {
            throw new IllegalArgumentException("input " + index + " is required");
        }
        return inputs.get(index);
    }

    /** Input {@code index}, or null when the node leaves it out. */
    static Value optional(List<Value> inputs, int index) {
        return index < inputs.size() ? inputs.get(index) : null;
    }
}
