package dev.nabla.tensor;

import java.util.Arrays;

/** Padding of the last dimensions, in PyTorch's {@code F.pad} order. */
final class Padding {

    private Padding() {
    }

    static Tensor pad(Tensor t, int[] padding, PadMode mode, float value) {
        if (padding.length % 2 != 0 || padding.length / 2 > t.rank()) {
            throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " must hold a"
                    + " (before, after) pair for each of at most " + t.rank() + " trailing dimensions of " + t.shape());
        }
        for (int p : padding) {
            if (p < 0) {
                throw new IllegalArgumentException("pad: negative padding " + Arrays.toString(padding)
                        + " is not supported; use slice() to crop");
            }
        }
        return mode == PadMode.CONSTANT ? constant(t, padding, value) : byIndex(t, padding, mode);
    }

    private static Tensor constant(Tensor t, int[] padding, float value) {
        int[] dims = t.shape().toArray();
        int[] before = new int[dims.length];
        for (int i = 0; i < padding.length / 2; i++) {
            int axis = dims.length - 1 - i;
            before[axis] = padding[2 * i];
            dims[axis] += padding[2 * i] + padding[2 * i + 1];
        }
        Tensor out = Creation.full(value, Shape.of(dims), DType.floating(t));
        Layout.write(interior(out, before, t.shape()), t);
        return Autograd.recordComposed("pad", out, g -> new Tensor[] {interior(g, before, t.shape())}, t);
    }

    private static Tensor interior(Tensor padded, int[] before, Shape inner) {
        Tensor view = padded;
        for (int axis = 0; axis < before.length; axis++) {
            view = view.slice(axis, before[axis], before[axis] + inner.dim(axis));
        }
        return view;
    }

    /** Reflect and replicate: an index selection per padded dimension, so gradients add up. */
    private static Tensor byIndex(Tensor t, int[] padding, PadMode mode) {
        Tensor out = t;
        for (int i = 0; i < padding.length / 2; i++) {
            int axis = t.rank() - 1 - i;
            int n = t.dim(axis);
            int left = padding[2 * i];
            int right = padding[2 * i + 1];
            if (mode == PadMode.REFLECT && (left >= n || right >= n)) {
                throw new IllegalArgumentException("pad: reflect padding (" + left + ", " + right
                        + ") must be smaller than the size " + n + " of dimension " + axis + " of " + t.shape());
            }
            if (n == 0 && left + right > 0) {
                throw new IllegalArgumentException("pad: cannot " + mode.name().toLowerCase() + "-pad an empty"
                        + " dimension " + axis + " of " + t.shape());
            }
            int[] index = new int[n + left + right];
            for (int j = 0; j < index.length; j++) {
                int src = j - left;
                if (mode == PadMode.REFLECT) {
                    src = src < 0 ? -src : src >= n ? 2 * (n - 1) - src : src;
                } else {
                    src = Math.clamp(src, 0, n - 1);
                }
                index[j] = src;
            }
            out = out.indexSelect(axis, index);
        }
        return out;
    }
}
