package dev.nabla.onnx;

import static dev.nabla.onnx.Operators.optional;
import static dev.nabla.onnx.Operators.required;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Slice (any step, negative too) and Gather, both as index selections so gradients flow. */
final class Slicing {

    private Slicing() {
    }

    static List<Value> slice(OnnxNode n, List<Value> in) {
        Value x = required(n, in, 0);
        int rank = x.tensor().rank();
        long[] starts = optional(in, 1) != null ? in.get(1).toLongs() : n.integers("starts", null);
        long[] ends = optional(in, 2) != null ? in.get(2).toLongs() : n.integers("ends", null);
        long[] axes = optional(in, 3) != null ? in.get(3).toLongs() : n.integers("axes", null);
        long[] steps = optional(in, 4) != null ? in.get(4).toLongs() : null;
        Tensor y = x.tensor();
        for (int i = 0; i < starts.length; i++) {
            int axis = ShapeOperators.axis(axes == null ? i : axes[i], rank);
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new IllegalArgumentException("Slice steps must not be 0");
            }
            long size = y.dim(axis);
            long start = starts[i] < 0 ? starts[i] + size : starts[i];
            long end = ends[i] < 0 ? ends[i] + size : ends[i];
            List<Integer> picked = new ArrayList<>();
            if (step > 0) {
                start = Math.clamp(start, 0, size);
                end = Math.clamp(end, 0, size);
                for (long j = start; j < end; j += step) {
                    picked.add((int) j);
                }
            } else {
                start = Math.clamp(start, 0, size - 1);
                end = Math.clamp(end, -1, size - 1);
                for (long j = start; j > end; j += step) {
                    picked.add((int) j);
                }
            }
            y = select(y, axis, picked.stream().mapToInt(Integer::intValue).toArray());
        }
        return List.of(new Value(y, x.type()));
    }

    private static Tensor select(Tensor x, int axis, int[] indices) {
        if (indices.length == 0) {
            int[] dims = x.shape().toArray();
            dims[axis] = 0;
            return Tensor.zeros(dims);
        }
        return x.indexSelect(axis, indices);
    }

    /** Rows of {@code data} along {@code axis} at the indices (negative counting from the end), in their shape. */
    static List<Value> gather(OnnxNode n, List<Value> in) {
        Value data = required(n, in, 0);
        Value indices = required(n, in, 1);
        int[] dims = data.tensor().shape().toArray();
        int axis = ShapeOperators.axis(n.integer("axis", 0), dims.length);
        int[] picked = indices.toInts();
        for (int i = 0; i < picked.length; i++) {
            if (picked[i] < -dims[axis] || picked[i] >= dims[axis]) {
                throw new IllegalArgumentException("index " + picked[i] + " is out of range for axis " + axis
                        + " of size " + dims[axis]);
            }
            picked[i] = picked[i] < 0 ? picked[i] + dims[axis] : picked[i];
        }
        Tensor selected = select(data.tensor(), axis, picked);
        int[] indexDims = indices.tensor().shape().toArray();
        int[] out = new int[dims.length - 1 + indexDims.length];
        System.arraycopy(dims, 0, out, 0, axis);
        System.arraycopy(indexDims, 0, out, axis, indexDims.length);
        System.arraycopy(dims, axis + 1, out, axis + indexDims.length, dims.length - axis - 1);
        return List.of(new Value(selected.reshape(out), data.type()));
    }
}
