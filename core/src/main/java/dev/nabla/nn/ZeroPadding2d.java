package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Adds rows and columns of zeros around images (Keras {@code ZeroPadding2D}, PyTorch
 * {@code nn.ZeroPad2d}): {@code [N, C, H, W] → [N, C, top + H + bottom, left + W + right]}.
 *
 * <p>Sizes are given in the order (top, bottom, left, right), as Keras's
 * {@code ((top, bottom), (left, right))}; PyTorch's {@code nn.ZeroPad2d} tuple is ordered
 * (left, right, top, bottom).
 */
public class ZeroPadding2d extends Layer {

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    /** The same padding on all four sides (PyTorch's {@code ZeroPad2d(p)}, Keras's {@code padding=p}). */
    public ZeroPadding2d(int padding) {
        this(padding, padding, padding, padding);
    }

    /** {@code vertical} rows above and below, {@code horizontal} columns left and right (Keras's (h, w) form). */
    public ZeroPadding2d(int vertical, int horizontal) {
        this(vertical, vertical, horizontal, horizontal);
    }

    /** Padding on each side, in the order top, bottom, left, right. */
    public ZeroPadding2d(int top, int bottom, int left, int right) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("ZeroPadding2d: padding must not be negative, got (top " + top
                    + ", bottom " + bottom + ", left " + left + ", right " + right + ")");
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != 4) {
            throw shapeError("[N, C, H, W]", input.shape());
        }
        return input.pad(left, right, top, bottom);
    }

    /** The padding as (top, bottom, left, right). */
    public int[] padding() {
        return new int[] {top, bottom, left, right};
    }

    @Override
    protected String describe() {
        return "top=" + top + ", bottom=" + bottom + ", left=" + left + ", right=" + right;
    }
}
