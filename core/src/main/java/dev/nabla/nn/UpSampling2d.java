package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

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

    private final int scaleHeight;
    private final int scaleWidth;
    private final Interpolation interpolation;

    /** Doubles height and width, nearest neighbour. */
    public UpSampling2d() {
        this(2);
    }

    /** Scales height and width by {@code scale}, nearest neighbour. */
    public UpSampling2d(int scale) {
        this(scale, scale, Interpolation.NEAREST);
    }

    /** Scales height by {@code scaleHeight} and width by {@code scaleWidth}. */
    public UpSampling2d(int scaleHeight, int scaleWidth, Interpolation interpolation) {
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
