package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Gru;
import dev.nabla.nn.Lstm;
import dev.nabla.nn.Masks;
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

    private RecurrentExporters() {
    }

    static void registerAll() {
        LayerExporters.register(Lstm.class, (layer, c) -> export(layer.cell(), layer.units(), layer.numLayers(),
                layer.isBidirectional(), layer.isBatchFirst(), layer.returnsSequences(), layer.returnsState(),
                layer.namedParameters(), c));
        LayerExporters.register(Gru.class, (layer, c) -> export(layer.cell(), layer.units(), layer.numLayers(),
                layer.isBidirectional(), layer.isBatchFirst(), layer.returnsSequences(), layer.returnsState(),
                layer.namedParameters(), c));
        LayerExporters.register(SimpleRnn.class, (layer, c) -> export(layer.cell(), layer.units(), layer.numLayers(),
                layer.isBidirectional(), layer.isBatchFirst(), layer.returnsSequences(), layer.returnsState(),
                layer.namedParameters(), c));
    }

    private static List<String> export(Recurrence.Cell cell, int units, int layers, boolean bidirectional,
            boolean batchFirst, boolean sequences, boolean state, Map<String, ? extends dev.nabla.nn.Parameter> weights,
            ExportContext c) {
        if (c.inputs().size() != 1) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " is given initial states; only a layer"
                    + " that starts from zeros has an ONNX form here");
        }
        if (Masks.of(c.samples().get(0)) != null) {
            throw new IllegalArgumentException("ONNX export: " + c.path() + " reads masked sequences, which have"
                    + " no ONNX form here");
        }
        OnnxWriter w = c.writer();
        int directions = bidirectional ? 2 : 1;
        String x = batchFirst ? c.node("Transpose", List.of(c.input()), attribute("perm", new long[] {1, 0, 2}))
                : c.input();
        List<String> hidden = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        String y = null;
        for (int layer = 0; layer < layers; layer++) {
            List<Tensor> ih = new ArrayList<>();
            List<Tensor> hh = new ArrayList<>();
            List<Tensor> biases = new ArrayList<>();
            for (int direction = 0; direction < directions; direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                ih.add(reorder(cell, weights.get("weight_ih" + suffix).value(), units));
                hh.add(reorder(cell, weights.get("weight_hh" + suffix).value(), units));
                if (weights.containsKey("bias_ih" + suffix)) {
                    biases.add(Tensor.concat(0, reorder(cell, weights.get("bias_ih" + suffix).value(), units),
                            reorder(cell, weights.get("bias_hh" + suffix).value(), units)));
                }
            }
            List<String> inputs = new ArrayList<>(List.of(x,
                    w.initializer(c.name("W_l" + layer), Tensor.stack(0, ih.toArray(Tensor[]::new))),
                    w.initializer(c.name("R_l" + layer), Tensor.stack(0, hh.toArray(Tensor[]::new)))));
            if (!biases.isEmpty()) {
                inputs.add(w.initializer(c.name("B_l" + layer), Tensor.stack(0, biases.toArray(Tensor[]::new))));
            }
            List<AttributeProto> attributes = new ArrayList<>(List.of(attribute("hidden_size", (long) units),
                    attribute("direction", bidirectional ? "bidirectional" : "forward")));
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
        if (sequences) {
            output = batchFirst ? c.node("Transpose", List.of(x), attribute("perm", new long[] {1, 0, 2})) : x;
        } else {
            String last = hidden.get(hidden.size() - 1);
            output = c.node("Reshape", List.of(c.node("Transpose", List.of(last), attribute("perm", new long[] {1, 0, 2})),
                    w.longs(c.name("shape"), 0, -1)));
        }
        if (!state) {
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
