package dev.nabla.custom;

import dev.nabla.io.LayerType;
import dev.nabla.nn.Layer;
import dev.nabla.nn.Parameter;
import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;

/**
 * A user's layer, defined outside Nabla's packages: a learned scale and shift per feature,
 * {@code [..., features] → [..., features]}, whose features come from the first input unless given.
 */
public final class ScaleShift extends Layer {

    /** Its registry entry: what a program registers with {@code LayerSpecs.register}. */
    public static final LayerType<ScaleShift> TYPE = LayerType.of(ScaleShift.class,
            "features: int, initial_scale|gamma: float",
            arguments -> {
                ScaleShift layer = new ScaleShift(arguments.number("initial_scale", 1f));
                if (arguments.has("features")) {
                    layer.build(1, arguments.integer("features"));
                }
                return layer;
            },
            layer -> LayerType.values("features", layer.features < 0 ? null : layer.features,
                    "initial_scale", layer.initialScale));

    private final float initialScale;
    private int features = -1;
    private Parameter scale;
    private Parameter shift;

    /** Sized by the first input; the scale starts at {@code initialScale}, the shift at 0. */
    public ScaleShift(float initialScale) {
        this.initialScale = initialScale;
    }

    @Override
    protected void build(Shape inputShape) {
        features = inputShape.dim(-1);
        scale = addParameter("scale", Tensor.full(initialScale, features));
        shift = addParameter("shift", Tensor.zeros(features));
    }

    @Override
    protected Tensor call(Tensor input) {
        if (input.dim(-1) != features) {
            throw shapeError("[..., " + features + "]", input.shape());
        }
        return input.mul(scale.value()).add(shift.value());
    }

    @Override
    protected String describe() {
        return "features=" + features + ", initial_scale=" + initialScale;
    }
}
