package dev.nabla.tensor;

import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import java.util.Arrays;

/** Ops that pick or place elements by integer index. */
final class Indexing {

    private Indexing() {
    }

    /** The index values as ints, each checked to be a whole number in [0, bound). */
    static int[] toIndices(String op, Tensor index, int bound, String what) {
        float[] values = Layout.toArray(index);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(op + ": index value " + v + " at flat position " + i
                        + " is not an integer");
            }
            if (v < 0 || v >= bound) {
                throw new IndexOutOfBoundsException(op + ": index " + (long) v + " at flat position " + i
                        + " is out of range for " + what + " of size " + bound);
            }
            out[i] = (int) v;
        }
        return out;
    }

    static Tensor indexSelect(Tensor t, int axis, Tensor index) {
        int a = t.shape().axis(axis);
        if (index.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: the index must be 1-d, got shape " + index.shape()
                    + " to select from a tensor of shape " + t.shape());
        }
        int[] idx = toIndices("indexSelect", index, t.dim(a), "dimension " + axis + " of " + t.shape());
        int[] dims = t.shape().toArray();
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < dims.length; i++) {
            if (i < a) {
                outer *= dims[i];
            } else if (i > a) {
                inner *= dims[i];
            }
        }
        Tensor source = t.floatData(); // no copy when t is contiguous float32: only the chosen rows are read
        float[] src = source.data();
        int base = source.offset();
        dims[a] = idx.length;
        float[] out = new float[outer * idx.length * inner];
        int n = t.dim(a);
        int innerCount = inner;
        int grain = Math.max(1, Pointwise.GRAIN / Math.max(1, idx.length * inner));
        Kernels k = KernelProvider.get();
        // Each outer block writes only its own part of the result (and, backward, of the gradient).
        Parallel.forChunks(outer, grain, (s, e) -> {
            for (int o = s; o < e; o++) {
                k.copyRows(src, base + o * n * innerCount, idx, out, o * idx.length * innerCount, innerCount);
            }
        });
        Tensor y = Tensor.wrap(out, Shape.of(dims), t.dtype());
        int outerCount = outer;
        return Autograd.record("indexSelect", y, g -> {
            Tensor gradient = g.floatData();
            float[] grad = gradient.data();
            float[] back = new float[t.size()];
            Parallel.forChunks(outerCount, grain, (s, e) -> {
                for (int o = s; o < e; o++) {
                    k.addRows(grad, gradient.offset() + o * idx.length * innerCount, idx, back, o * n * innerCount,
                            innerCount);
                }
            });
            return new Tensor[] {Tensor.wrap(back, t.shape(), DType.floating(t))};
        }, t);
    }

    /** Checks a gather/scatter index against the data it addresses; returns the flat index values. */
    private static int[] checkScatterIndex(String op, Tensor data, int a, Tensor index) {
        if (index.rank() != data.rank()) {
            throw new IllegalArgumentException(op + ": index of shape " + index.shape()
                    + " must have the same rank as the tensor of shape " + data.shape());
        }
        for (int d = 0; d < data.rank(); d++) {
            if (d != a && index.dim(d) > data.dim(d)) {
                throw new IllegalArgumentException(op + ": index of shape " + index.shape() + " is larger than the"
                        + " tensor of shape " + data.shape() + " in dimension " + d);
            }
        }
        return toIndices(op, index, data.dim(a), "dimension " + a + " of " + data.shape());
    }

    /** For each element of the index (row-major), its position in a contiguous tensor of `into`'s shape. */
    private static int[] targets(Shape indexShape, int[] idx, int a, Shape into) {
        int[] strides = into.contiguousStrides();
        int[] dims = indexShape.toArray();
        int[] counter = new int[dims.length];
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int pos = 0;
            for (int d = 0; d < dims.length; d++) {
                pos += (d == a ? idx[i] : counter[d]) * strides[d];
            }
            out[i] = pos;
            for (int d = dims.length - 1; d >= 0 && ++counter[d] == dims[d]; d--) {
                counter[d] = 0;
            }
        }
        return out;
    }

    static Tensor gather(Tensor t, int axis, Tensor index) {
        int a = t.shape().axis(axis);
        int[] idx = checkScatterIndex("gather", t, a, index);
        int[] from = targets(index.shape(), idx, a, t.shape());
        Tensor source = t.floatData();
        float[] values = source.data();
        float[] out = new float[idx.length];
        Kernels k = KernelProvider.get();
        Parallel.forChunks(out.length, Pointwise.GRAIN,
                (s, e) -> k.gather(values, source.offset(), from, s, out, s, e - s));
        Tensor y = Tensor.wrap(out, index.shape(), t.dtype());
        return Autograd.record("gather", y,
                g -> new Tensor[] {Tensor.zeros(t.shape().toArray()).scatterAdd(a, index, g), null}, t, index);
    }

    static Tensor scatterAdd(Tensor t, int axis, Tensor index, Tensor src) {
        int a = t.shape().axis(axis);
        if (!src.shape().equals(index.shape())) {
            throw new IllegalArgumentException("scatterAdd: source shape " + src.shape()
                    + " must equal the index shape " + index.shape());
        }
        int[] idx = checkScatterIndex("scatterAdd", t, a, index);
        int[] to = targets(index.shape(), idx, a, t.shape());
        float[] out = Layout.toArray(t);
        float[] values = Layout.toArray(src);
        // One pass in index order: positions may repeat, so the additions are not split over threads.
        KernelProvider.get().scatterAdd(values, 0, to, 0, out, 0, values.length);
        Tensor y = Tensor.wrap(out, t.shape(), DType.promote(t, src));
        return Autograd.record("scatterAdd", y,
                g -> new Tensor[] {g, null, src.requiresGrad() ? g.gather(a, index) : null}, t, index, src);
    }

    static Tensor oneHot(Tensor labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("oneHot: numClasses must be at least 1, got " + numClasses);
        }
        int[] idx = toIndices("oneHot", labels, numClasses, "numClasses");
        float[] out = new float[idx.length * numClasses];
        for (int i = 0; i < idx.length; i++) {
            out[i * numClasses + idx[i]] = 1f;
        }
        int[] dims = Arrays.copyOf(labels.shape().toArray(), labels.rank() + 1);
        dims[labels.rank()] = numClasses;
        return Tensor.wrap(out, Shape.of(dims), DType.INT32);
    }

    static Tensor maskedFill(Tensor t, Tensor mask, float value) {
        if (!Shape.broadcast("maskedFill", t.shape(), mask.shape()).equals(t.shape())) {
            throw new IllegalArgumentException("maskedFill: a mask of shape " + mask.shape()
                    + " does not broadcast to the tensor's shape " + t.shape());
        }
        return Tensor.where(mask, Tensor.scalar(value), t);
    }
}
