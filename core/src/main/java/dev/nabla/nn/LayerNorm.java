package dev.nabla.nn;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation (PyTorch {@code nn.LayerNorm}, Keras {@code LayerNormalization}):
 * {@code [..., *normalizedShape] → same shape}, each sample normalised over its last
 * {@code k} dimensions: {@code y = (x − mean) / sqrt(var + eps) · weight + bias}, with the
 * biased variance, in training and evaluation alike.
 *
 * <p>Defaults are PyTorch's: eps 1e-5 (Keras: 1e-3), an elementwise weight (starting at 1)
 * and bias (starting at 0) of the normalised shape, state-dict names {@code weight} and
 * {@code bias}. Without sizes the layer normalises the last dimension, sized from the first
 * input, as Keras's default {@code axis=-1}.
 */
public class LayerNorm extends Layer {

    private static final float DEFAULT_EPS = 1e-5f;

    private final float eps;
    private final boolean elementwiseAffine;
    /** How many trailing dimensions are normalised: 1 when sized from the first input. */
    private final int normalizedRank;
    private int[] normalizedShape;
    private Parameter weight;
    private Parameter bias;

    /** Normalises over the last dimension, whose size is taken from the first input. */
    public LayerNorm() {
        this.eps = DEFAULT_EPS;
        this.elementwiseAffine = true;
        this.normalizedRank = 1;
    }

    /** Normalises over the last dimensions, which must have these sizes ({@code nn.LayerNorm(shape)}). */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, DEFAULT_EPS, true);
    }

    /** Normalises over the last dimensions of these sizes, with or without elementwise weight and bias. */
    public LayerNorm(int[] normalizedShape, float eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must hold at least one size, each at"
                    + " least 1, got " + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0f)) {
            throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
        }
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.normalizedRank = normalizedShape.length;
        build(normalizedShape);
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
