package dev.nabla.nn;

import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * A vision Transformer's patch embedding (timm's {@code PatchEmbed}): images {@code [N, C, H, W]}
 * are cut into {@code patchSize × patchSize} patches, each projected to {@code embedDim} by a
 * convolution with kernel and stride {@code patchSize} (child {@code proj}), giving a sequence
 * {@code [N, (H/p)·(W/p), embedDim]} in row-major patch order. With {@code classToken}, a learned
 * {@code cls_token [1, 1, embedDim]} is put first (ViT), making the sequence one longer.
 */
public class PatchEmbedding extends Layer {

    private final int patchSize;
    private final int embedDim;
    private final Conv2d projection;
    private boolean classToken;
    private Parameter token;

    /** Patches of {@code patchSize} pixels square projected to {@code embedDim} features; channels from the input. */
    public PatchEmbedding(int patchSize, int embedDim) {
        if (patchSize < 1 || embedDim < 1) {
            throw new IllegalArgumentException("PatchEmbedding: patch_size and embed_dim must be at least 1, got "
                    + patchSize + " and " + embedDim);
        }
        this.patchSize = patchSize;
        this.embedDim = embedDim;
        projection = addChild("proj", new Conv2d(Conv2d.Config.of(embedDim, patchSize)
                .options(ConvolutionOptions.defaults().stride(patchSize))));
    }

    /** Puts a learned class token before the patches (ViT's [CLS]). Before building; returns this. */
    public PatchEmbedding classToken(boolean value) {
        if (isBuilt()) {
            throw new IllegalStateException(path() + ": set class_token before the layer is built");
        }
        classToken = value;
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != 4) {
            throw shapeError("[batch, channels, height, width]", inputShape);
        }
        projection.build(inputShape.toArray());
        if (classToken) {
            token = addParameter("cls_token", Tensor.normal(generator(), 0f, 0.02f, 1, 1, embedDim));
        }
    }

    @Override
    protected Tensor call(Tensor images) {
        if (images.rank() != 4 || images.dim(2) % patchSize != 0 || images.dim(3) % patchSize != 0) {
            throw shapeError("[batch, channels, height, width] with height and width multiples of " + patchSize,
                    images.shape());
        }
        Tensor patches = projection.forward(images);
        Tensor sequence = patches.flatten(2, 3).transpose(1, 2);
        if (!classToken) {
            return sequence;
        }
        return Tensor.concat(1, token.value().expand(images.dim(0), 1, embedDim), sequence);
    }

    /** The side of a patch in pixels. */
    public int patchSize() {
        return patchSize;
    }

    /** The features per patch. */
    public int embedDim() {
        return embedDim;
    }

    /** The image channels, or -1 before building. */
    public int inChannels() {
        return isBuilt() ? projection.stateDict().get("weight").shape().dim(1) : -1;
    }

    /** Whether a class token comes first. */
    public boolean hasClassToken() {
        return classToken;
    }

    @Override
    protected String describe() {
        return "patch_size=" + patchSize + ", embed_dim=" + embedDim + (classToken ? ", class_token" : "");
    }
}
