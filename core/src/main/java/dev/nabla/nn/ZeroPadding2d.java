package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Adds rows and columns of zeros around images (Keras {@code ZeroPadding2D}, PyTorch
 * {@code nn.ZeroPad2d}): {@code [N, C, H, W] → [N, C, top + H + bottom, left + W + right]}.
 *
 * <p>Sizes are given in the order (top, bottom, left, right), as Keras's
 * {@code ((top, bottom), (left, right))}; PyTorch's {@code nn.ZeroPad2d} tuple is ordered
 * (left, right, top, bottom).
 */
public class ZeroPadding2d extends Layer {

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param padding the rows and columns added, as (top, bottom, left, right); given as one size for
     *                all sides or as (vertical, horizontal), it is spread to the four
     */
    public record Config(int[] padding) {

        /** Spreads one or two sizes to the four sides; checks the count. */
        public Config {
            padding = switch (padding.length) {
                case 1 -> new int[] {padding[0], padding[0], padding[0], padding[0]};
                case 2 -> new int[] {padding[0], padding[0], padding[1], padding[1]};
                case 4 -> padding.clone();
                default -> throw new IllegalArgumentException("ZeroPadding2d: padding needs 1, 2 or 4 integers (all"
                        + " sides; vertical, horizontal; top, bottom, left, right), got " + padding.length);
            };
        }

        /** One row or column of zeros on every side (Keras's default). */
        public static Config of() {
            return new Config(new int[] {1});
        }

        /** The same with other sizes: one for all sides, (vertical, horizontal) or (top, bottom, left, right). */
        public Config padding(int... sizes) {
            return new Config(sizes);
        }

        @Override
        public int[] padding() {
            return padding.clone();
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(padding, other.padding);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(padding));
        }

        @Override
        public String toString() {
            return "ZeroPadding2d.Config[padding=" + Arrays.toString(padding) + "]";
        }
    }

    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    /** The same padding on all four sides (PyTorch's {@code ZeroPad2d(p)}, Keras's {@code padding=p}). */
    public ZeroPadding2d(int padding) {
        this(Config.of().padding(padding));
    }

    /** Padding on each side, in the order top, bottom, left, right (Keras's {@code ((top, bottom), (left, right))}). */
    public static ZeroPadding2d sides(int top, int bottom, int left, int right) {
        return new ZeroPadding2d(Config.of().padding(top, bottom, left, right));
    }

    /** Padding with the given settings. */
    public ZeroPadding2d(Config config) {
        int top = config.padding()[0];
        int bottom = config.padding()[1];
        int left = config.padding()[2];
        int right = config.padding()[3];
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

    /** The settings. */
    public Config config() {
        return new Config(padding());
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
