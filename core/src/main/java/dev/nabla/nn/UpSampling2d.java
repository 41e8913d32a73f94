package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Enlarges images by whole factors (Keras {@code UpSampling2D}, PyTorch
 * {@code nn.Upsample(scale_factor=...)}): {@code [N, C, H, W] → [N, C, H·sh, W·sw]}.
 *
 * <p>{@link Interpolation#NEAREST} (the default in both) repeats each pixel;
 * {@link Interpolation#BILINEAR} interpolates as PyTorch's {@code mode='bilinear'} with
 * {@code align_corners=False} (Keras's bilinear, half-pixel centres, agrees). The default
 * scale without arguments is 2, as Keras's {@code size=(2, 2)}; PyTorch has no default.
 */
public class UpSampling2d extends Layer {

    /** How new pixels get their values. */
    public enum Interpolation {
        /** The value of the nearest input pixel. */
        NEAREST,
        /** Linear in height and width from the four nearest input pixels. */
        BILINEAR
    }

    /**
     * The layer's settings, what model files and experiment files hold.
     *
     * @param size          the scale factors (height, width); one factor for both
     * @param interpolation how new pixels get their values
     */
    public record Config(int[] size, Interpolation interpolation) {

        /** Makes one factor both; checks the count. */
        public Config {
            size = size.length == 1 ? new int[] {size[0], size[0]} : size.clone();
            if (size.length != 2) {
                throw new IllegalArgumentException("UpSampling2d: size needs (height, width) or one factor, got "
                        + size.length + " factors");
            }
        }

        /** Doubles height and width, nearest neighbour (Keras's defaults). */
        public static Config of() {
            return new Config(new int[] {2}, Interpolation.NEAREST);
        }

        /** The same with the scale factors (height, width), or one for both. */
        public Config size(int... factors) {
            return new Config(factors, interpolation);
        }

        /** The same with another interpolation. */
        public Config interpolation(Interpolation mode) {
            return new Config(size, mode);
        }

        @Override
        public int[] size() {
            return size.clone();
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(size, other.size)
                    && Objects.equals(interpolation, other.interpolation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(size), interpolation);
        }

        @Override
        public String toString() {
            return "UpSampling2d.Config[size=" + Arrays.toString(size)
                    + ", interpolation=" + interpolation + "]";
        }
    }

    private final int scaleHeight;
    private final int scaleWidth;
    private final Interpolation interpolation;

    /** Doubles height and width, nearest neighbour (Keras's {@code UpSampling2D()}). */
    public UpSampling2d() {
        this(Config.of());
    }

    /** Scales height and width by {@code scale}, nearest neighbour. */
    public UpSampling2d(int scale) {
        this(Config.of().size(scale));
    }

    /**
     * With the given settings: {@code new UpSampling2d(UpSampling2d.Config.of().size(2, 3)
     * .interpolation(UpSampling2d.Interpolation.BILINEAR))}.
     */
    public UpSampling2d(Config config) {
        int scaleHeight = config.size()[0];
        int scaleWidth = config.size()[1];
        Interpolation interpolation = config.interpolation();
        if (scaleHeight < 1 || scaleWidth < 1) {
            throw new IllegalArgumentException("UpSampling2d: scale factors must be at least 1, got "
                    + scaleHeight + " and " + scaleWidth);
        }
        this.scaleHeight = scaleHeight;
        this.scaleWidth = scaleWidth;
        this.interpolation = interpolation;
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() != 4) {
            throw shapeError("[N, C, H, W]", input.shape());
        }
        return resize(resize(input, 2, scaleHeight), 3, scaleWidth);
    }

    /** Scales one axis: a selection of input positions, blended linearly for bilinear. */
    private Tensor resize(Tensor x, int axis, int scale) {
        if (scale == 1) {
            return x;
        }
        int n = x.dim(axis);
        int m = n * scale;
        int[] low = new int[m];
        int[] high = new int[m];
        float[] upper = new float[m];
        float[] lower = new float[m];
        for (int i = 0; i < m; i++) {
            if (interpolation == Interpolation.NEAREST) {
                low[i] = i / scale;
                continue;
            }
            float source = Math.max((i + 0.5f) / scale - 0.5f, 0f);
            low[i] = Math.min((int) source, n - 1);
            high[i] = Math.min(low[i] + 1, n - 1);
            upper[i] = source - low[i];
            lower[i] = 1f - upper[i];
        }
        if (interpolation == Interpolation.NEAREST) {
            return x.indexSelect(axis, low);
        }
        int[] weightShape = {1, 1, 1, 1};
        weightShape[axis] = m;
        return x.indexSelect(axis, low).mul(Tensor.of(lower, weightShape))
                .add(x.indexSelect(axis, high).mul(Tensor.of(upper, weightShape)));
    }

    /** The settings. */
    public Config config() {
        return new Config(new int[] {scaleHeight, scaleWidth}, interpolation);
    }

    /** The height factor. */
    public int scaleHeight() {
        return scaleHeight;
    }

    /** The width factor. */
    public int scaleWidth() {
        return scaleWidth;
    }

    /** The interpolation. */
    public Interpolation interpolation() {
        return interpolation;
    }

    @Override
    protected String describe() {
        return "scale=(" + scaleHeight + ", " + scaleWidth + "), " + interpolation.name().toLowerCase();
    }
}
