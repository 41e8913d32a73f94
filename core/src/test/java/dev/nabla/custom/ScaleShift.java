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

    /**
     * Its settings, their defaults in one place: what model files hold.
     *
     * @param features     the number of features, or null to take it from the first input
     * @param initialScale the scale's starting value
     */
    public record Config(Integer features, float initialScale) {

        /** Sized by the first input, the scale starting at 1. */
        public static Config of() {
            return new Config(null, 1f);
        }

        /** The same with the number of features given, so the layer is built at once. */
        public Config features(int count) {
            return new Config(count, initialScale);
        }

        /** The same with another starting scale. */
        public Config initialScale(float scale) {
            return new Config(features, scale);
        }
    }

    /** Its registry entry, what a program registers with {@code LayerSpecs.register}: made from its record. */
    public static final LayerType<ScaleShift> TYPE = LayerType.ofRecord(ScaleShift.class, Config.class,
            ScaleShift::new, ScaleShift::config).argumentAliases("initial_scale|gamma");

    private final float initialScale;
    private int features = -1;
    private Parameter scale;
    private Parameter shift;

    /** Sized by the first input; the scale starts at {@code initialScale}, the shift at 0. */
    public ScaleShift(float initialScale) {
        this(Config.of().initialScale(initialScale));
    }

    /** A layer with the given settings, built at once when they give the number of features. */
    public ScaleShift(Config config) {
        this.initialScale = config.initialScale();
        if (config.features() != null) {
            build(1, config.features());
        }
    }

    /** The settings, with the number of features once the layer is built. */
    public Config config() {
        Config config = Config.of().initialScale(initialScale);
        return features < 0 ? config : config.features(features);
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
