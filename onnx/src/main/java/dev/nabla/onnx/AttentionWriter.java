package dev.nabla.onnx;

import static dev.nabla.onnx.OnnxWriter.attribute;

import dev.nabla.nn.Layer;
import dev.nabla.nn.MultiHeadAttention;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@link MultiHeadAttention} written out as ONNX operators of opset 17 (which has no attention
 * operator): the query, key and value projections (MatMul, Add), heads by Reshape and Transpose,
 * {@code softmax(q·kᵀ/√D)} with blocked keys set to -1e30 (Where) and fully blocked rows set to 0,
 * as Nabla does, the weighted sum of the values and the output projection. Masks are float
 * {@code 1} (attend) / {@code 0}: the keys' padding {@code [N, S]}, a causal mask over the fixed
 * query and key lengths, and Keras's attention mask {@code [N, L, S]}.
 */
final class AttentionWriter {

    /** A score far below any real one: its exponential is 0 next to any real score. */
    private static final float BLOCKED = -1e30f;

    private AttentionWriter() {
    }

    /**
     * What blocks keys: the keys' padding mask {@code [N, S]} (or null), causal masking of
     * {@code queries × keys}, Keras's attention mask {@code [N, L, S]} (or null).
     */
    record Blocking(String keyPadding, boolean causal, String allowed) {
    }

    /**
     * The attention's output {@code [N, L, E]} (ONNX name) for query {@code [N, L, E]}, key and value
     * {@code [N, S, ·]}; {@code queries} and {@code keys} are L and S for the causal mask.
     */
    static String attend(MultiHeadAttention layer, ExportContext c, String query, String key, String value,
            int queries, int keys, Blocking blocking) {
        String where = c.path().isEmpty() ? "the model" : c.path();
        if (layer.rotaryBase() != 0f) {
            throw new IllegalArgumentException("ONNX export: " + where + " (MultiHeadAttention) uses rotary position"
                    + " embedding, which has no ONNX form here");
        }
        if (layer.numKeyValueHeads() != layer.numHeads()) {
            throw new IllegalArgumentException("ONNX export: " + where + " (MultiHeadAttention) uses grouped-query"
                    + " attention, which has no ONNX form here");
        }
        OnnxWriter w = c.writer();
        int heads = layer.numHeads();
        int depth = layer.keyDim();
        int valueDepth = layer.valueDimension();
        Map<String, Parameter> own = layer.namedParameters();
        Tensor packed = own.containsKey("in_proj_weight") ? own.get("in_proj_weight").value() : null;
        Tensor bias = own.containsKey("in_proj_bias") ? own.get("in_proj_bias").value() : null;
        int e = layer.embedDim();
        int[] starts = {0, heads * depth, 2 * heads * depth};
        int[] sizes = {heads * depth, heads * depth, heads * valueDepth};
        String[] names = {"q", "k", "v"};
        String[] sources = {query, key, value};
        String[] projected = new String[3];
        for (int i = 0; i < 3; i++) {
            Tensor weight = packed != null ? packed.slice(0, i * e, (i + 1) * e)
                    : own.get(names[i] + "_proj_weight").value();
            String transposed = w.initializer(c.name(names[i] + "_proj_weight_transposed"),
                    weight.transpose(0, 1).contiguous());
            projected[i] = c.node("MatMul", List.of(sources[i], transposed));
            if (bias != null) {
                projected[i] = c.node("Add", List.of(projected[i], w.initializer(c.name(names[i] + "_proj_bias"),
                        bias.slice(0, starts[i], starts[i] + sizes[i]))));
            }
        }
        String q = splitHeads(c, projected[0], heads, depth, new long[] {0, 2, 1, 3});
        String kTransposed = splitHeads(c, projected[1], heads, depth, new long[] {0, 2, 3, 1});
        String v = splitHeads(c, projected[2], heads, valueDepth, new long[] {0, 2, 1, 3});
        String scores = c.node("Mul", List.of(c.node("MatMul", List.of(q, kTransposed)),
                w.scalar(c.name("scale"), (float) (1 / Math.sqrt(depth)))));
        String keep = keep(c, queries, keys, blocking);
        String probabilities;
        if (keep == null) {
            probabilities = c.node("Softmax", List.of(scores), attribute("axis", -1L));
        } else {
            String blocked = c.node("Equal", List.of(keep, w.scalar(c.name("zero"), 0f)));
            String masked = c.node("Where", List.of(blocked, w.scalar(c.name("blocked"), BLOCKED), scores));
            String softmax = c.node("Softmax", List.of(masked), attribute("axis", -1L));
            boolean rowsMayBeEmpty = blocking.keyPadding() != null || blocking.allowed() != null;
            probabilities = rowsMayBeEmpty
                    ? c.node("Mul", List.of(softmax, CoreLayerExporters.reduce("ReduceMax", c, keep, new long[] {-1},
                            true)))
                    : softmax;
        }
        String attended = c.node("Transpose", List.of(c.node("MatMul", List.of(probabilities, v))),
                attribute("perm", new long[] {0, 2, 1, 3}));
        String joined = c.node("Reshape", List.of(attended, w.longs(c.name("shape"), 0, 0, (long) heads * valueDepth)));
        return Children.export(c, layer, "out_proj", joined, 3);
    }

    /** {@code [N, T, H·D]} to heads, transposed by {@code perm} from {@code [N, T, H, D]}. */
    private static String splitHeads(ExportContext c, String x, int heads, int depth, long[] perm) {
        String split = c.node("Reshape", List.of(x, c.writer().longs(c.name("heads"), 0, 0, heads, depth)));
        return c.node("Transpose", List.of(split), attribute("perm", perm));
    }

    /** The float keep mask broadcasting against the scores {@code [N, H, L, S]}, or null when nothing is blocked. */
    private static String keep(ExportContext c, int queries, int keys, Blocking blocking) {
        OnnxWriter w = c.writer();
        List<String> factors = new ArrayList<>();
        if (blocking.causal()) {
            float[] lower = new float[queries * keys];
            for (int i = 0; i < queries; i++) {
                for (int j = 0; j <= Math.min(i, keys - 1); j++) {
                    lower[i * keys + j] = 1f;
                }
            }
            factors.add(w.initializer(c.name("causal_mask"), Tensor.of(lower, queries, keys)));
        }
        if (blocking.keyPadding() != null) {
            factors.add(c.node("Unsqueeze", List.of(blocking.keyPadding(), w.longs(c.name("axes"), 1, 2))));
        }
        if (blocking.allowed() != null) {
            factors.add(c.node("Unsqueeze", List.of(blocking.allowed(), w.longs(c.name("axes"), 1))));
        }
        if (factors.isEmpty()) {
            return null;
        }
        String keep = factors.get(0);
        for (int i = 1; i < factors.size(); i++) {
            keep = c.node("Mul", List.of(keep, factors.get(i)));
        }
        return keep;
    }

    /** Child layers written through their own exporters. */
    static final class Children {

        private Children() {
        }

        /** {@code parent}'s child {@code name} applied to {@code input}, a value of the given rank; its output. */
        static String export(ExportContext c, Layer parent, String name, String input, int rank) {
            Layer child = parent.children().get(name);
            return exportLayer(c, child, name, input, rank);
        }

        /** {@code child} (named {@code name} under the context's path) applied to {@code input} of the given rank. */
        static <L extends Layer> String exportLayer(ExportContext c, L child, String name, String input, int rank) {
            LayerExporter<L> exporter = LayerExporters.find(child);
            if (exporter == null) {
                throw new IllegalArgumentException("ONNX export: layer '" + c.name(name) + "' ("
                        + child.getClass().getName() + ") has no ONNX form");
            }
            int[] ones = new int[rank];
            java.util.Arrays.fill(ones, 1);
            return exporter.export(child, c.child(name, List.of(input), List.of(Tensor.zeros(ones)),
                    Collections.singletonList(null))).get(0);
        }
    }
}
