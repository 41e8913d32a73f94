package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/** Reductions over axes (an attribute in older opsets, an input in newer ones) and ArgMax/ArgMin. */
final class ReduceOperators {

    private record Reduction(Tensor x, int[] axes, boolean keep) {
    }

    private ReduceOperators() {
    }

    static void registerAll() {
        reduce("ReduceSum", r -> r.x().sum(r.axes(), r.keep()));
        reduce("ReduceMean", r -> r.x().mean(r.axes(), r.keep()));
        reduce("ReduceMax", r -> r.x().max(r.axes(), r.keep()));
        reduce("ReduceMin", r -> r.x().min(r.axes(), r.keep()));
        reduce("ReduceL1", r -> r.x().abs().sum(r.axes(), r.keep()));
        reduce("ReduceL2", r -> r.x().mul(r.x()).sum(r.axes(), r.keep()).sqrt());
        reduce("ReduceSumSquare", r -> r.x().mul(r.x()).sum(r.axes(), r.keep()));
        reduce("ReduceLogSum", r -> r.x().sum(r.axes(), r.keep()).log());
        reduce("ReduceLogSumExp", r -> r.x().logSumExp(r.axes(), r.keep()));
        Operators.register("ArgMax", (n, in) -> arg(n, in, true));
        Operators.register("ArgMin", (n, in) -> arg(n, in, false));
    }

    private static void reduce(String opType, java.util.function.Function<Reduction, Tensor> f) {
        Operators.register(opType, (n, in) -> {
            Value x = required(n, in, 0);
            int rank = x.tensor().rank();
            long[] axes = n.has("axes") ? n.integers("axes", null) : optional(in, 1) != null ? in.get(1).toLongs()
                    : new long[0];
            if (axes.length == 0) {
                if (n.integer("noop_with_empty_axes", 0) != 0) {
                    return List.of(x);
                }
                axes = new long[rank];
                for (int i = 0; i < rank; i++) {
                    axes[i] = i;
                }
            }
            int[] resolved = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                resolved[i] = ShapeOperators.axis(axes[i], rank);
            }
            boolean keep = n.integer("keepdims", 1) != 0;
            Tensor y = rank == 0 ? x.tensor() : f.apply(new Reduction(x.tensor(), resolved, keep));
            return List.of(x.isInteger() ? new Value(y, Value.FLOAT).castTo(x.type()) : new Value(y, x.type()));
        });
    }

    /** The index of the largest (smallest) entry along the axis; the last of equal ones with select_last_index. */
    private static List<Value> arg(OnnxNode n, List<Value> in, boolean largest) {
        Tensor x = required(n, in, 0).tensor();
        int[] dims = x.shape().toArray();
        int axis = ShapeOperators.axis(n.integer("axis", 0), dims.length);
        boolean last = n.integer("select_last_index", 0) != 0;
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < dims.length; i++) {
            if (i < axis) {
                outer *= dims[i];
            } else if (i > axis) {
                inner *= dims[i];
            }
        }
        float[] data = x.contiguous().toFloatArray();
        float[] out = new float[outer * inner];
        BiFunction<Float, Float, Boolean> better = largest ? (a, b) -> last ? a >= b : a > b
                : (a, b) -> last ? a <= b : a < b;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                for (int k = 1; k < dims[axis]; k++) {
                    if (better.apply(data[(o * dims[axis] + k) * inner + i], data[(o * dims[axis] + best) * inner + i])) {
                        best = k;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        int[] outDims = dims.clone();
        outDims[axis] = 1;
        Tensor y = Tensor.of(out, outDims);
        if (n.integer("keepdims", 1) == 0) {
            y = y.squeeze(axis);
        }
        return List.of(new Value(y, Value.INT64));
    }
}
