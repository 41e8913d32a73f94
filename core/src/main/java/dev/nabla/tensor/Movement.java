package dev.nabla.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ops that move elements without arithmetic: views where possible, copies otherwise. */
final class Movement {

    private Movement() {
    }

    private static Tensor view(Tensor t, Shape shape, int[] strides, int offset) {
        return t.view(shape, strides, offset);
    }

    static Tensor reshape(Tensor t, int[] newShape, boolean viewOnly) {
        Shape shape = inferShape(viewOnly ? "view" : "reshape", t.shape(), newShape);
        Tensor source = t;
        if (!t.isContiguous()) {
            if (viewOnly) {
                throw new IllegalArgumentException("view: a tensor of shape " + t.shape() + " with strides "
                        + Arrays.toString(t.strides()) + " is not contiguous; use reshape(), which copies");
            }
            source = t.contiguousCopy();
        }
        Tensor y = view(source, shape, shape.contiguousStrides(), source.offset());
        return Autograd.recordComposed("reshape", y, g -> new Tensor[] {g.reshape(t.shape().toArray())}, t);
    }

    private static Shape inferShape(String op, Shape from, int[] requested) {
        int[] dims = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException(op + ": only one size may be -1, got " + Arrays.toString(requested));
                }
                unknown = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + dims[i] + " in " + Arrays.toString(requested));
            } else {
                known *= dims[i];
            }
        }
        if (unknown >= 0 && known > 0 && from.size() % known == 0) {
            dims[unknown] = (int) (from.size() / known);
            known *= dims[unknown];
        }
        if (known != from.size() || (unknown >= 0 && dims[unknown] == -1)) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(requested)
                    + " is invalid for a tensor of shape " + from + " (" + from.size() + " elements)");
        }
        return Shape.of(dims);
    }

    static Tensor flatten(Tensor t, int startAxis, int endAxis) {
        if (t.rank() == 0) {
            return t.reshape(1);
        }
        int s = t.shape().axis(startAxis);
        int e = t.shape().axis(endAxis);
        if (s > e) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis + " comes after end axis " + endAxis);
        }
        int[] dims = t.shape().toArray();
        int[] out = new int[dims.length - (e - s)];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            if (i <= s || i > e) {
                out[n++] = i == s ? -1 : dims[i];
            }
        }
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= dims[i];
        }
        out[s] = merged;
        return t.reshape(out);
    }

    static Tensor permute(Tensor t, int[] axes) {
        int rank = t.rank();
        if (axes.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " does not name all "
                    + rank + " dimensions of shape " + t.shape());
        }
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int a = t.shape().axis(axes[i]);
            if (used[a]) {
                throw new IllegalArgumentException("permute: axis " + a + " appears twice in " + Arrays.toString(axes));
            }
            used[a] = true;
            dims[i] = t.dim(a);
            strides[i] = t.stride(a);
            inverse[a] = i;
        }
        Tensor y = view(t, Shape.of(dims), strides, t.offset());
        return Autograd.recordComposed("permute", y, g -> new Tensor[] {g.permute(inverse)}, t);
    }

    static Tensor transpose(Tensor t, int axis0, int axis1) {
        int[] order = Reductions.allAxes(t);
        int a = t.shape().axis(axis0);
        int b = t.shape().axis(axis1);
        order[a] = b;
        order[b] = a;
        return permute(t, order);
    }

    static Tensor squeeze(Tensor t, Integer axis) {
        int[] dims = t.shape().toArray();
        int keep = axis == null ? -1 : t.shape().axis(axis);
        if (axis != null && dims[keep] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + axis + " of shape " + t.shape()
                    + " has size " + dims[keep] + ", not 1");
        }
        int[] out = new int[dims.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            boolean drop = axis == null ? dims[i] == 1 : i == keep;
            if (!drop) {
                out[n++] = dims[i];
            }
        }
        return t.reshape(Arrays.copyOf(out, n));
    }

    static Tensor unsqueeze(Tensor t, int axis) {
        int a = Shape.normalizeAxis(axis, t.rank() + 1);
        int[] dims = t.shape().toArray();
        int[] out = new int[dims.length + 1];
        int[] strides = new int[dims.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            if (i == a) {
                out[i] = 1;
                strides[i] = j < dims.length ? t.stride(j) * dims[j] : 1;
            } else {
                out[i] = dims[j];
                strides[i] = t.stride(j++);
            }
        }
        Tensor y = view(t, Shape.of(out), strides, t.offset());
        return Autograd.recordComposed("unsqueeze", y, g -> new Tensor[] {g.reshape(t.shape().toArray())}, t);
    }

    static Tensor expand(Tensor t, int[] sizes) {
        int rank = sizes.length;
        int lead = rank - t.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("expand: " + Arrays.toString(sizes) + " has fewer dimensions than "
                    + t.shape());
        }
        int[] dims = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0; i < rank; i++) {
            int own = i < lead ? 1 : t.dim(i - lead);
            int want = sizes[i] == -1 && i >= lead ? own : sizes[i];
            if (want != own && own != 1) {
                throw new IllegalArgumentException("expand: cannot expand shape " + t.shape() + " to "
                        + Arrays.toString(sizes) + ": dimension " + i + " has size " + own + ", not 1");
            }
            dims[i] = want;
            strides[i] = i < lead || own != want ? 0 : t.stride(i - lead);
        }
        Tensor y = view(t, Shape.of(dims), strides, t.offset());
        if (y.shape().equals(t.shape())) {
            return t;
        }
        return Autograd.recordComposed("expand", y, g -> new Tensor[] {Pointwise.unbroadcast(g, t.shape())}, t);
    }

    static Tensor broadcastTo(Tensor t, Shape target) {
        if (!Shape.broadcast("broadcastTo", t.shape(), target).equals(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + t.shape() + " cannot be broadcast to " + target);
        }
        return expand(t, target.toArray());
    }

    static Tensor slice(Tensor t, int axis, int start, int end, int step) {
        int a = t.shape().axis(axis);
        int n = t.dim(a);
        if (step < 1) {
            throw new IllegalArgumentException("slice: step must be at least 1, got " + step);
        }
        int s = Math.clamp(start < 0 ? start + n : start, 0, n);
        int e = Math.clamp(end < 0 ? end + n : end, 0, n);
        int count = e > s ? (e - s + step - 1) / step : 0;
        int[] dims = t.shape().toArray();
        int[] strides = t.strides();
        dims[a] = count;
        strides[a] *= step;
        Tensor y = view(t, Shape.of(dims), strides, t.offset() + (count > 0 ? s * t.stride(a) : 0));
        return Autograd.record("slice", y, g -> {
            Tensor full = Creation.full(0f, t.shape(), DType.floating(g));
            Layout.write(slice(full, a, s, e, step), g);
            return new Tensor[] {full};
        }, step == 1 ? (g, needed) -> new Tensor[] {g.pad(sliceMargins(t, a, s, e))} : null, t);
    }

    /** The pad() margins that put the elements start..end-1 of axis back at their places in t. */
    private static int[] sliceMargins(Tensor t, int axis, int start, int end) {
        int[] margins = new int[2 * (t.rank() - axis)];
        margins[margins.length - 2] = start;
        margins[margins.length - 1] = t.dim(axis) - Math.max(start, end);
        return margins;
    }

    static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        Tensor first = tensors[0];
        int a = first.shape().axis(axis);
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            boolean fits = t.rank() == first.rank();
            for (int d = 0; fits && d < t.rank(); d++) {
                fits = d == a || t.dim(d) == first.dim(d);
            }
            if (!fits) {
                throw new IllegalArgumentException("concat: tensor " + i + " has shape " + t.shape()
                        + " but tensor 0 has shape " + first.shape() + "; all sizes but axis " + axis + " must match");
            }
            total += t.dim(a);
        }
        int[] dims = first.shape().toArray();
        dims[a] = total;
        Shape shape = Shape.of(dims);
        boolean integral = Arrays.stream(tensors).allMatch(t -> t.dtype() == DType.INT32);
        Tensor out = Tensor.wrap(new float[shape.size()], shape, integral ? DType.INT32 : DType.promote(tensors));
        int[] starts = new int[tensors.length];
        for (int i = 0, at = 0; i < tensors.length; at += tensors[i].dim(a), i++) {
            starts[i] = at;
            Layout.write(slice(out.detach(), a, at, at + tensors[i].dim(a), 1), tensors[i]);
        }
        return Autograd.recordComposed("concat", out, g -> {
            Tensor[] grads = new Tensor[tensors.length];
            for (int i = 0; i < tensors.length; i++) {
                grads[i] = g.slice(a, starts[i], starts[i] + tensors[i].dim(a));
            }
            return grads;
        }, tensors);
    }

    static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!tensors[i].shape().equals(tensors[0].shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + tensors[i].shape()
                        + " but tensor 0 has shape " + tensors[0].shape());
            }
            expanded[i] = tensors[i].unsqueeze(axis);
        }
        return concat(axis, expanded);
    }

    static List<Tensor> split(Tensor t, int splitSize, int axis) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("split: size must be at least 1, got " + splitSize);
        }
        int n = t.dim(axis);
        List<Tensor> pieces = new ArrayList<>();
        for (int s = 0; s < n; s += splitSize) {
            pieces.add(t.slice(axis, s, Math.min(n, s + splitSize)));
        }
        return pieces;
    }

    static List<Tensor> split(Tensor t, int[] sizes, int axis) {
        int n = t.dim(axis);
        int total = Arrays.stream(sizes).sum();
        if (total != n || Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " do not add up to "
                    + n + ", the size of dimension " + axis + " of " + t.shape());
        }
        List<Tensor> pieces = new ArrayList<>();
        for (int i = 0, s = 0; i < sizes.length; s += sizes[i], i++) {
            pieces.add(t.slice(axis, s, s + sizes[i]));
        }
        return pieces;
    }

    static List<Tensor> chunk(Tensor t, int chunks, int axis) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunk: chunks must be at least 1, got " + chunks);
        }
        int n = t.dim(axis);
        return split(t, Math.max(1, (n + chunks - 1) / chunks), axis);
    }

    static Tensor flip(Tensor t, int[] axes) {
        int[] strides = t.strides();
        int offset = t.offset();
        int[] ax = Reductions.normalize(t, axes);
        for (int a : ax) {
            if (t.dim(a) > 0) {
                offset += (t.dim(a) - 1) * strides[a];
            }
            strides[a] = -strides[a];
        }
        Tensor y = view(t, t.shape(), strides, offset).contiguousCopy();
        return Autograd.recordComposed("flip", y, g -> new Tensor[] {g.flip(ax)}, t);
    }

    static Tensor repeat(Tensor t, int[] repeats) {
        if (repeats.length < t.rank()) {
            throw new IllegalArgumentException("repeat: " + repeats.length + " repeat counts for a tensor of rank "
                    + t.rank() + "; give one per dimension");
        }
        int rank = repeats.length;
        int lead = rank - t.rank();
        int[] spread = new int[2 * rank];
        int[] tiled = new int[2 * rank];
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            int d = i < lead ? 1 : t.dim(i - lead);
            spread[2 * i] = 1;
            spread[2 * i + 1] = d;
            tiled[2 * i] = repeats[i];
            tiled[2 * i + 1] = d;
            result[i] = repeats[i] * d;
        }
        return t.reshape(spread).expand(tiled).reshape(result);
    }

    static Tensor copy(Tensor t) {
        return Autograd.recordComposed("contiguous", t.contiguousCopy(), g -> new Tensor[] {g}, t);
    }
}
