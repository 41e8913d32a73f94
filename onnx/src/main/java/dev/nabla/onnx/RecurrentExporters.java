package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Bidirectional;
import dev.nabla.nn.Gru;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.RecurrentLayer;
import dev.nabla.nn.SimpleRnn;
import dev.nabla.onnx.proto.OnnxProtos.AttributeProto;
import dev.nabla.tensor.Recurrence;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Lstm}, {@link Gru} and {@link SimpleRnn} as ONNX's LSTM, GRU and RNN operators, one
 * node per stacked layer (both directions in one node when bidirectional). The weights are
 * reordered from PyTorch's gate order (i, f, g, o and r, z, n) to ONNX's (i, o, f, c and z, r, h);
 * the GRU runs with {@code linear_before_reset}, as PyTorch's does.
 */
final class RecurrentExporters {

    /** ONNX's int32 element type, for sequence_lens. */
    private static final long INT32 = 6;

    private RecurrentExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Lstm.class, (layer, c) -> export(layer, c, c.input()));
        LayerExporters.register(Gru.class, (layer, c) -> export(layer, c, c.input()));
        LayerExporters.register(SimpleRnn.class, (layer, c) -> export(layer, c, c.input()));
        LayerExporters.register(Bidirectional.class, RecurrentExporters::bidirectional);
    }

    /**
     * Keras's wrapper: its forward layer and its backward layer (ONNX's {@code reverse} direction)
     * on the same input, their outputs merged (Concat, Add, Mul, or their mean), then the forward
     * layer's final states and the backward layer's.
     */
    private static List<String> bidirectional(Bidirectional layer, ExportContext c) {
        List<String> forward = export(layer.forwardLayer(), c.child("forward_layer", c.inputs(), c.samples(),
                c.masks()), c.input());
        List<String> backward = export(layer.backwardLayer(), c.child("backward_layer", c.inputs(), c.samples(),
                c.masks()), c.input());
        String a = forward.get(0);
        String b = backward.get(0);
        String merged = switch (layer.mergeMode()) {
            case CONCAT -> c.node("Concat", List.of(a, b), attribute("axis", (long) c.outputShape().rank() - 1));
            case SUM -> c.node("Add", List.of(a, b));
            case MUL -> c.node("Mul", List.of(a, b));
            case AVE -> c.node("Mul", List.of(c.node("Add", List.of(a, b)), c.writer().scalar(c.name("half"), 0.5f)));
        };
        List<String> all = new ArrayList<>(List.of(merged));
        all.addAll(forward.subList(1, forward.size()));
        all.addAll(backward.subList(1, backward.size()));
        return all;
    }

    /**
     * One recurrent layer on {@code input}. A padding mask on the input becomes the operators'
     * {@code sequence_lens} (its sum per sequence): padded steps must come after each sequence's
     * real ones, as for PyTorch's packed sequences, which is what Nabla computes.
     */
    private static List<String> export(RecurrentLayer layer, ExportContext c, String input) {
        Recurrence.Cell cell = layer.cell();
        int units = layer.units();
        int layers = layer.numLayers();
        boolean bidirectional = layer.isBidirectional();
        boolean batchFirst = layer.isBatchFirst();
        Map<String, ? extends dev.nabla.nn.Parameter> weights = layer.namedParameters();
        if (c.inputs().size() != 1) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " is given initial states; only a layer"
                    + " that starts from zeros has an ONNX form here");
        }
        if (bidirectional && layer.isReversed()) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " is a bidirectional layer read backward,"
                    + " which has no ONNX form here");
        }
        // The mask is [N, T], or [T, N] on time-major sequences: the real steps of each sequence summed.
        String lengths = c.mask(0) == null ? null : c.node("Cast", List.of(CoreLayerExporters.reduce("ReduceSum", c,
                c.mask(0), new long[] {batchFirst ? 1 : 0}, false)), attribute("to", INT32));
        OnnxWriter w = c.writer();
        int directions = bidirectional ? 2 : 1;
        String x = batchFirst ? c.node("Transpose", List.of(input), attribute("perm", new long[] {1, 0, 2}))
                : input;
        List<String> hidden = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        String y = null;
        for (int index = 0; index < layers; index++) {
            List<Tensor> ih = new ArrayList<>();
            List<Tensor> hh = new ArrayList<>();
            List<Tensor> biases = new ArrayList<>();
            for (int direction = 0; direction < directions; direction++) {
                String suffix = "_l" + index + (direction == 1 ? "_reverse" : "");
                ih.add(reorder(cell, weights.get("weight_ih" + suffix).value(), units));
                hh.add(reorder(cell, weights.get("weight_hh" + suffix).value(), units));
                if (weights.containsKey("bias_ih" + suffix)) {
                    biases.add(Tensor.concat(0, reorder(cell, weights.get("bias_ih" + suffix).value(), units),
                            reorder(cell, weights.get("bias_hh" + suffix).value(), units)));
                }
            }
            List<String> inputs = new ArrayList<>(List.of(x,
                    w.initializer(c.name("W_l" + index), Tensor.stack(0, ih.toArray(Tensor[]::new))),
                    w.initializer(c.name("R_l" + index), Tensor.stack(0, hh.toArray(Tensor[]::new)))));
            if (!biases.isEmpty()) {
                inputs.add(w.initializer(c.name("B_l" + index), Tensor.stack(0, biases.toArray(Tensor[]::new))));
            }
            if (lengths != null) {
                if (biases.isEmpty()) {
                    inputs.add("");
                }
                inputs.add(lengths);
            }
            String direction = bidirectional ? "bidirectional" : layer.isReversed() ? "reverse" : "forward";
            List<AttributeProto> attributes = new ArrayList<>(List.of(attribute("hidden_size", (long) units),
                    attribute("direction", direction)));
            String opType = switch (cell) {
                case LSTM -> "LSTM";
                case GRU -> "GRU";
                case RNN_TANH, RNN_RELU -> "RNN";
            };
            if (cell == Recurrence.Cell.GRU) {
                attributes.add(attribute("linear_before_reset", 1L));
            }
            if (cell == Recurrence.Cell.RNN_RELU) {
                attributes.add(AttributeProto.newBuilder().setName("activations")
                        .setType(AttributeProto.AttributeType.STRINGS)
                        .addAllStrings(java.util.Collections.nCopies(directions,
                                com.google.protobuf.ByteString.copyFromUtf8("Relu"))).build());
            }
            List<String> outputs = w.nodeWithOutputs(opType, c.path(), cell == Recurrence.Cell.LSTM ? 3 : 2, inputs,
                    attributes.toArray(AttributeProto[]::new));
            y = outputs.get(0);
            hidden.add(outputs.get(1));
            if (cell == Recurrence.Cell.LSTM) {
                cells.add(outputs.get(2));
            }
            // [T, directions, N, H] -> [T, N, directions * H]: the next layer's input, the directions side by side.
            x = c.node("Reshape", List.of(c.node("Transpose", List.of(y), attribute("perm", new long[] {0, 2, 1, 3})),
                    w.longs(c.name("shape"), 0, 0, -1)));
        }
        String output;
        if (layer.returnsSequences()) {
            output = batchFirst ? c.node("Transpose", List.of(x), attribute("perm", new long[] {1, 0, 2})) : x;
        } else {
            String last = hidden.get(hidden.size() - 1);
            output = c.node("Reshape", List.of(c.node("Transpose", List.of(last), attribute("perm", new long[] {1, 0, 2})),
                    w.longs(c.name("shape"), 0, -1)));
        }
        if (!layer.returnsState()) {
            return List.of(output);
        }
        List<String> all = new ArrayList<>(List.of(output, stacked(hidden, layers * directions, c)));
        if (!cells.isEmpty()) {
            all.add(stacked(cells, layers * directions, c));
        }
        return all;
    }

    /** Every layer's final states, [layers · directions, N, H], or [N, H] for one. */
    private static String stacked(List<String> states, int count, ExportContext c) {
        String joined = states.size() == 1 ? states.get(0) : c.node("Concat", states, attribute("axis", 0L));
        return count == 1 ? c.node("Squeeze", List.of(joined, c.writer().longs(c.name("axes"), 0))) : joined;
    }

    /** Gate blocks from PyTorch's order to ONNX's. */
    private static Tensor reorder(Recurrence.Cell cell, Tensor weight, int units) {
        int[] order = switch (cell) {
            case LSTM -> new int[] {0, 3, 1, 2};
            case GRU -> new int[] {1, 0, 2};
            case RNN_TANH, RNN_RELU -> new int[] {0};
        };
        Tensor[] blocks = new Tensor[order.length];
        for (int i = 0; i < order.length; i++) {
            blocks[i] = weight.slice(0, order[i] * units, (order[i] + 1) * units);
        }
        return Tensor.concat(0, blocks);
    }
}
