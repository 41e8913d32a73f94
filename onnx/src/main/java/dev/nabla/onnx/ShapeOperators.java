package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.PadMode;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operators that move values or compute shapes. Shape arithmetic (Shape, Gather, Concat,
 * Reshape on int64 values) runs on the actual values, so a graph's shape computations fold to
 * constants for each input's shape.
 */
final class ShapeOperators {

    private ShapeOperators() {
    }

    static void registerAll() {
        Operators.register("Reshape", ShapeOperators::reshape);
        Operators.register("Flatten", (n, in) -> {
            Value x = required(n, in, 0);
            int rank = x.tensor().rank();
            long given = n.integer("axis", 1);
            int axis = (int) (given < 0 ? given + rank : given);
            if (axis < 0 || axis > rank) {
                throw new IllegalArgumentException("axis " + given + " is out of range for rank " + rank);
            }
            int outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= x.tensor().dim(i);
            }
            return List.of(new Value(x.tensor().reshape(outer, x.tensor().size() / Math.max(outer, 1)), x.type()));
        });
        Operators.register("Transpose", (n, in) -> {
            Value x = required(n, in, 0);
            int rank = x.tensor().rank();
            long[] reversed = new long[rank];
            for (int i = 0; i < rank; i++) {
                reversed[i] = rank - 1 - i;
            }
            return List.of(new Value(x.tensor().permute(NeuralOperators.ints(n.integers("perm", reversed))),
                    x.type()));
        });
        Operators.register("Concat", (n, in) -> {
            Value first = required(n, in, 0);
            Tensor[] parts = in.stream().map(Value::tensor).toArray(Tensor[]::new);
            return List.of(new Value(Tensor.concat(axis(n.integer("axis", 0), first.tensor().rank()), parts),
                    first.type()));
        });
        Operators.register("Split", ShapeOperators::split);
        Operators.register("Slice", Slicing::slice);
        Operators.register("Gather", Slicing::gather);
        Operators.register("Squeeze", ShapeOperators::squeeze);
        Operators.register("Unsqueeze", ShapeOperators::unsqueeze);
        Operators.register("Shape", (n, in) -> {
            int[] dims = required(n, in, 0).tensor().shape().toArray();
            int start = clampAxis(n.integer("start", 0), dims.length);
            int end = clampAxis(n.integer("end", dims.length), dims.length);
            return List.of(Value.longs(Arrays.stream(dims, start, Math.max(start, end)).asLongStream().toArray()));
        });
        Operators.register("Size", (n, in) -> List.of(new Value(Tensor.scalar(required(n, in, 0).tensor().size()),
                Value.INT64)));
        Operators.register("Constant", Constants::constant);
        Operators.register("ConstantOfShape", Constants::constantOfShape);
        Operators.register("Range", Constants::range);
        Operators.register("Expand", (n, in) -> {
            Value x = required(n, in, 0);
            int[] target = required(n, in, 1).toInts();
            return List.of(new Value(x.tensor().broadcastTo(broadcast(x.tensor().shape().toArray(), target))
                    .contiguous(), x.type()));
        });
        Operators.register("Tile", (n, in) -> {
            Value x = required(n, in, 0);
            return List.of(new Value(x.tensor().repeat(required(n, in, 1).toInts()), x.type()));
        });
        Operators.register("Cast", (n, in) -> List.of(required(n, in, 0).castTo((int) n.integer("to", 1))));
        Operators.register("Pad", ShapeOperators::pad);
        Operators.register("Dropout", ShapeOperators::dropout);
    }

    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static int clampAxis(long axis, int rank) {
        return (int) Math.clamp(axis < 0 ? axis + rank : axis, 0, rank);
    }

    private static Shape broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " to "
                        + Arrays.toString(b));
            }
            out[i] = x == 1 ? y : x;
        }
        return Shape.of(out);
    }

    private static List<Value> reshape(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        int[] target = required(n, in, 1).toInts();
        boolean allowZero = n.integer("allowzero", 0) != 0;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && !allowZero) {
                target[i] = x.tensor().dim(i);
            }
        }
        return List.of(new Value(x.tensor().reshape(target), x.type()));
    }

    private static List<Value> split(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        int axis = axis(n.integer("axis", 0), x.tensor().rank());
        int length = x.tensor().dim(axis);
        Value sizesInput = optional(in, 1);
        int[] sizes;
        if (sizesInput != null) {
            sizes = sizesInput.toInts();
        } else if (n.has("split")) {
            sizes = NeuralOperators.ints(n.integers("split", null));
        } else {
            int parts = (int) n.integer("num_outputs", n.outputs().size());
            int each = (length + parts - 1) / parts;
            sizes = new int[parts];
            for (int i = 0; i < parts; i++) {
                sizes[i] = Math.max(0, Math.min(each, length - i * each));
            }
        }
        List<Value> out = new ArrayList<>();
        int start = 0;
        for (int size : sizes) {
            out.add(new Value(x.tensor().slice(axis, start, start + size), x.type()));
            start += size;
        }
        return out;
    }

    private static long[] axesOf(OnnxNode n, List<Value> in) {
        Value given = optional(in, 1);
        return given != null ? given.toLongs() : n.integers("axes", null);
    }

    private static List<Value> squeeze(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        long[] axes = axesOf(n, in);
        int[] dims = x.tensor().shape().toArray();
        List<Integer> kept = new ArrayList<>();
        boolean[] drop = new boolean[dims.length];
        if (axes == null) {
            for (int i = 0; i < dims.length; i++) {
                drop[i] = dims[i] == 1;
            }
        } else {
            for (long a : axes) {
                int axis = axis(a, dims.length);
                if (dims[axis] != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + a + " of size " + dims[axis]);
                }
                drop[axis] = true;
            }
        }
        for (int i = 0; i < dims.length; i++) {
            if (!drop[i]) {
                kept.add(dims[i]);
            }
        }
        return List.of(new Value(x.tensor().reshape(kept.stream().mapToInt(Integer::intValue).toArray()), x.type()));
    }

    private static List<Value> unsqueeze(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        long[] axes = axesOf(n, in);
        int[] dims = x.tensor().shape().toArray();
        int rank = dims.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int axis = axis(a, rank);
            if (inserted[axis]) {
                throw new IllegalArgumentException("axis " + a + " is given twice");
            }
            inserted[axis] = true;
        }
        int[] out = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : dims[j++];
        }
        return List.of(new Value(x.tensor().reshape(out), x.type()));
    }

    /** Constant, reflect and edge padding; pads {@code [begin..., end...]} over every axis (or the given axes). */
    private static List<Value> pad(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        int rank = x.tensor().rank();
        long[] pads = optional(in, 1) != null ? in.get(1).toLongs() : n.integers("pads", null);
        Value constant = optional(in, 2);
        float value = constant != null && constant.tensor().size() > 0 ? constant.tensor().toFloatArray()[0]
                : n.real("value", 0f);
        long[] axes = optional(in, 3) != null ? in.get(3).toLongs() : null;
        long[] full = new long[2 * rank];
        if (axes == null) {
            full = pads;
        } else {
            for (int i = 0; i < axes.length; i++) {
                int a = axis(axes[i], rank);
                full[a] = pads[i];
                full[a + rank] = pads[i + axes.length];
            }
        }
        int[] flat = new int[2 * rank];
        for (int i = 0; i < rank; i++) {
            if (full[i] < 0 || full[i + rank] < 0) {
                throw new IllegalArgumentException("negative pads " + Arrays.toString(full) + " are not supported");
            }
            flat[2 * (rank - 1 - i)] = (int) full[i];
            flat[2 * (rank - 1 - i) + 1] = (int) full[i + rank];
        }
        PadMode mode = switch (n.text("mode", "constant")) {
            case "constant" -> PadMode.CONSTANT;
            case "reflect" -> PadMode.REFLECT;
            case "edge" -> PadMode.REPLICATE;
            default -> throw new IllegalArgumentException("pad mode '" + n.text("mode", "") + "' is not supported");
        };
        return List.of(new Value(x.tensor().pad(flat, mode, value), x.type()));
    }

    /** The identity at inference, and in training mode with ratio 0; the mask is all true. */
    private static List<Value> dropout(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        Value ratio = optional(in, 1);
        Value training = optional(in, 2);
        boolean trains = training != null && training.tensor().toFloatArray()[0] != 0;
        float rate = ratio != null ? ratio.tensor().toFloatArray()[0] : n.real("ratio", 0.5f);
        if (trains && rate > 0) {
            throw new IllegalArgumentException("training-mode Dropout draws random masks; only inference is supported");
        }
        return List.of(x, new Value(Tensor.ones(x.tensor().shape().toArray()), Value.BOOL));
    }
}
