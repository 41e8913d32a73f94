package dev.nabla.nn;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.LayerNormalization;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Layer normalisation (PyTorch {@code nn.LayerNorm}, Keras {@code LayerNormalization}):
 * {@code [..., *normalizedShape] → same shape}, each sample normalised over its last
 * {@code k} dimensions: {@code y = (x − mean) / sqrt(var + eps) · weight + bias}, with the
 * biased variance, in training and evaluation alike. Float32 tensors go through the fused
 * {@link LayerNormalization#layerNorm} (one pass forward, one backward); half-precision ones
 * through the composed ops.
 *
 * <p>Defaults are PyTorch's: eps 1e-5 (Keras: 1e-3), an elementwise weight (starting at 1)
 * and bias (starting at 0) of the normalised shape, state-dict names {@code weight} and
 * {@code bias}. Without sizes the layer normalises the last dimension, sized from the first
 * input, as Keras's default {@code axis=-1}.
 */
public class LayerNorm extends Layer {

    /**
     * A layer norm's settings, their defaults (PyTorch's) in one place.
     *
     * @param normalizedShape   the sizes of the normalised trailing dimensions, or null to normalise
     *                          the last dimension, its size taken from the first input
     * @param eps               added to the variance (positive)
     * @param elementwiseAffine whether the layer has an elementwise weight and bias
     */
    public record Config(int[] normalizedShape, float eps, boolean elementwiseAffine) {

        /** Checks the sizes and eps. */
        public Config {
            if (normalizedShape != null && (normalizedShape.length == 0
                    || Arrays.stream(normalizedShape).anyMatch(d -> d < 1))) {
                throw new IllegalArgumentException("LayerNorm: normalizedShape must hold at least one size, each at"
                        + " least 1, got " + Arrays.toString(normalizedShape));
            }
            normalizedShape = normalizedShape == null ? null : normalizedShape.clone();
            if (!(eps > 0f)) {
                throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
            }
        }

        /** The last dimension, its size from the first input; eps 1e-5, with weight and bias. */
        public static Config of() {
            return new Config(null, 1e-5f, true);
        }

        /** The same over trailing dimensions of these sizes, built at once. */
        public Config normalizedShape(int... sizes) {
            return new Config(sizes, eps, elementwiseAffine);
        }

        /** The same with another eps. */
        public Config eps(float value) {
            return new Config(normalizedShape, value, elementwiseAffine);
        }

        /** The same with or without the elementwise weight and bias. */
        public Config elementwiseAffine(boolean learned) {
            return new Config(normalizedShape, eps, learned);
        }

        @Override
        public int[] normalizedShape() {
            return normalizedShape == null ? null : normalizedShape.clone();
        }

        /** Equal when every component is, sizes compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Config other && Arrays.equals(normalizedShape, other.normalizedShape)
                    && Float.compare(eps, other.eps) == 0
                    && elementwiseAffine == other.elementwiseAffine;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(normalizedShape), eps, elementwiseAffine);
        }

        @Override
        public String toString() {
            return "LayerNorm.Config[normalizedShape=" + Arrays.toString(normalizedShape) + ", eps=" + eps
                    + ", elementwiseAffine=" + elementwiseAffine + "]";
        }
    }

    private final float eps;
    private final boolean elementwiseAffine;
    /** How many trailing dimensions are normalised: 1 when sized from the first input. */
    private final int normalizedRank;
    private final Config config;
    private int[] normalizedShape;
    private Parameter weight;
    private Parameter bias;

    /** Normalises over the last dimension,
            whose size is taken from the first input (Keras's {@code LayerNormalization()}). */
    public LayerNorm() {
        this(Config.of());
    }

    /** Normalises over the last dimensions,
            which must have these sizes (PyTorch's {@code nn.LayerNorm(shape)}); built at once. */
    public LayerNorm(int... normalizedShape) {
        this(Config.of().normalizedShape(normalizedShape));
    }

    /** A layer norm with the given settings, built at once when they give the normalised shape. */
    public LayerNorm(Config config) {
        this.config = config;
        this.eps = config.eps();
        this.elementwiseAffine = config.elementwiseAffine();
        this.normalizedRank = config.normalizedShape() == null ? 1 : config.normalizedShape().length;
        if (config.normalizedShape() != null) {
            build(config.normalizedShape());
        }
    }

    /** The settings, with the normalised shape once the layer is built. */
    public Config config() {
        return normalizedShape == null ? config : config.normalizedShape(normalizedShape);
    }

    /** Takes the sizes of the normalised dimensions from the input's last ones. */
    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < normalizedRank) {
            throw shapeError("[..., D]", inputShape);
        }
        int[] dims = inputShape.toArray();
        int[] shape = Arrays.copyOfRange(dims, dims.length - normalizedRank, dims.length);
        normalizedShape = shape;
        if (elementwiseAffine) {
            weight = addParameter("weight", Tensor.ones(shape));
            bias = addParameter("bias", Tensor.zeros(shape));
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.rank() == 0) {
            throw shapeError("[..., " + trailing() + "]", input.shape());
        }
        int k = normalizedShape.length;
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = input.rank() - k + i;
            if (axes[i] < 0 || input.dim(axes[i]) != normalizedShape[i]) {
                throw shapeError("[..., " + trailing() + "]", input.shape());
            }
        }
        if (input.dtype() == DType.FLOAT32 && (!elementwiseAffine || (weight.value().dtype() == DType.FLOAT32
                && bias.value().dtype() == DType.FLOAT32))) {
            int size = 1;
            for (int dim : normalizedShape) {
                size *= dim;
            }
            return LayerNormalization.layerNorm(input, size, elementwiseAffine ? weight.value() : null,
                    elementwiseAffine ? bias.value() : null, eps);
        }
        Tensor centered = input.sub(input.mean(axes, true));
        Tensor y = centered.div(input.var(axes, 0, true).add(eps).sqrt());
        return elementwiseAffine ? y.mul(weight.value()).add(bias.value()) : y;
    }

    private String trailing() {
        return Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", "");
    }

    /** The sizes of the normalised trailing dimensions; null before the layer is built. */
    public int[] normalizedShape() {
        return normalizedShape == null ? null : normalizedShape.clone();
    }

    /** The elementwise scale, of the normalised shape; null without affine or before the build. */
    public Parameter weight() {
        return weight;
    }

    /** The elementwise shift, of the normalised shape; null without affine or before the build. */
    public Parameter bias() {
        return bias;
    }

    /** The constant added to the variance. */
    public float eps() {
        return eps;
    }

    /** Whether the layer has an elementwise weight and bias. */
    public boolean elementwiseAffine() {
        return elementwiseAffine;
    }

    @Override
    protected String describe() {
        return "shape=" + (normalizedShape == null ? "?" : Arrays.toString(normalizedShape)) + ", eps=" + eps
                + ", affine=" + elementwiseAffine;
    }
}
