package dev.nabla.io;

import static dev.nabla.io.LayerType.compact;
import static dev.nabla.io.LayerType.list;
import static dev.nabla.io.LayerType.pair;
import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Elu;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Multiply;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Reshape;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Silu;
import dev.nabla.nn.Softmax;
import dev.nabla.nn.Softplus;
import dev.nabla.nn.SpatialDropout2d;
import dev.nabla.nn.Tanh;
import dev.nabla.nn.UpSampling2d;
import dev.nabla.nn.ZeroPadding2d;
import java.util.List;
import java.util.Locale;

/** The registry entries of layers without parameters: activations, pooling, reshaping, dropout, merging. */
final class SimpleLayerSpecs {

    private static final String WINDOW = "kernel_size|pool_size: int, stride|strides: int, padding: padding";

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(Relu.class, "", a -> new Relu(), r -> values()).alias("ReLU"),
            LayerType.of(Sigmoid.class, "", a -> new Sigmoid(), s -> values()),
            LayerType.of(Tanh.class, "", a -> new Tanh(), t -> values()),
            LayerType.of(Silu.class, "", a -> new Silu(), s -> values())
                    .alias("swish", "SiLU"),
            LayerType.of(LeakyRelu.class, "slope|negative_slope|alpha: float",
                    a -> new LeakyRelu(a.number("slope", 0.01f)), l -> values("slope", l.slope()))
                    .alias("LeakyReLU", "leaky_relu"),
            LayerType.of(Elu.class, "alpha: float", a -> new Elu(a.number("alpha", 1f)),
                    e -> values("alpha", e.alpha()))
                    .alias("ELU"),
            LayerType.of(Gelu.class, "approximate: bool", a -> new Gelu(a.flag("approximate", false)),
                    g -> values("approximate", g.tanhApproximation())).alias("GELU"),
            LayerType.of(Softplus.class, "beta: float, threshold: float",
                    a -> new Softplus(a.number("beta", 1f), a.number("threshold", 20f)),
                    s -> values("beta", s.beta(), "threshold", s.threshold())),
            LayerType.of(Softmax.class, "axis|dim: int", a -> new Softmax(a.integer("axis", -1)),
                    s -> values("axis", s.axis())),
            LayerType.of(LogSoftmax.class, "axis|dim: int", a -> new LogSoftmax(a.integer("axis", -1)),
                    s -> values("axis", s.axis())),
            LayerType.of(MaxPool1d.class, WINDOW, a -> new MaxPool1d(a.integer("kernel_size"),
                            a.integer("stride", a.integer("kernel_size")), poolPadding(a)),
                    p -> values("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()))
                    .alias("MaxPooling1D", "MaxPool1D"),
            LayerType.of(MaxPool2d.class, WINDOW, a -> new MaxPool2d(a.integer("kernel_size"),
                            a.integer("stride", a.integer("kernel_size")), poolPadding(a)),
                    p -> values("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()))
                    .alias("MaxPooling2D", "MaxPool2D"),
            LayerType.of(AvgPool1d.class, WINDOW, a -> new AvgPool1d(a.integer("kernel_size"),
                            a.integer("stride", a.integer("kernel_size")), poolPadding(a)),
                    p -> values("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()))
                    .alias("AveragePooling1D", "AvgPool1D"),
            LayerType.of(AvgPool2d.class, WINDOW, a -> new AvgPool2d(a.integer("kernel_size"),
                            a.integer("stride", a.integer("kernel_size")), poolPadding(a)),
                    p -> values("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()))
                    .alias("AveragePooling2D", "AvgPool2D"),
            LayerType.of(AdaptiveAvgPool2d.class, "output_size: ints", a -> {
                int[] size = pair(a.integers("output_size", 2));
                return new AdaptiveAvgPool2d(size[0], size[1]);
            }, p -> values("output_size", compact(p.outputHeight(), p.outputWidth()))),
            LayerType.of(GlobalAvgPool.class, "", a -> new GlobalAvgPool(), p -> values())
                    .alias("GlobalAveragePooling2D", "GlobalAveragePooling1D", "GlobalAvgPool2D",
                            "GlobalAvgPool1D"),
            LayerType.of(GlobalMaxPool.class, "", a -> new GlobalMaxPool(), p -> values())
                    .alias("GlobalMaxPooling2D", "GlobalMaxPooling1D", "GlobalMaxPool2D",
                            "GlobalMaxPool1D"),
            LayerType.of(Flatten.class, "start_axis|start_dim: int, end_axis|end_dim: int",
                    a -> new Flatten(a.integer("start_axis", 1), a.integer("end_axis", -1)),
                    f -> values("start_axis", f.startAxis(), "end_axis", f.endAxis())),
            LayerType.of(Reshape.class, "shape|target_shape: ints", a -> new Reshape(a.integers("shape", -1)),
                    r -> values("shape", list(r.sampleShape()))),
            LayerType.of(Permute.class, "axes|dims: ints", a -> new Permute(a.integers("axes", -1)),
                    p -> values("axes", list(p.axes()))),
            LayerType.of(UpSampling2d.class, "size|scale_factor: ints, interpolation|mode: string", a -> {
                int[] size = pair(a.integers("size", 2, new int[] {2}));
                String mode = a.choice("interpolation", "nearest", "nearest", "bilinear");
                return new UpSampling2d(size[0], size[1], UpSampling2d.Interpolation.valueOf(mode.toUpperCase(Locale.ROOT)));
            }, u -> values("size", compact(u.scaleHeight(), u.scaleWidth()),
                    "interpolation", u.interpolation().name().toLowerCase(Locale.ROOT)))
                    .alias("Upsample"),
            LayerType.of(ZeroPadding2d.class, "padding: ints", SimpleLayerSpecs::zeroPadding,
                    z -> values("padding", list(z.padding())))
                    .alias("ZeroPad2d"),
            LayerType.of(Dropout.class, "rate|p: float", a -> new Dropout(a.number("rate", 0.5f)),
                    d -> values("rate", d.rate())),
            LayerType.of(SpatialDropout2d.class, "rate|p: float", a -> new SpatialDropout2d(a.number("rate", 0.5f)),
                    d -> values("rate", d.rate()))
                    .alias("Dropout2d"),
            LayerType.of(Add.class, "", a -> new Add(), m -> values()),
            LayerType.of(Multiply.class, "", a -> new Multiply(), m -> values()),
            LayerType.of(Concatenate.class, "axis|dim: int", a -> new Concatenate(a.integer("axis", 1)),
                    c -> values("axis", c.axis())));

    private SimpleLayerSpecs() {
    }

    /**
     * A pooling window's padding: a number, or Keras's {@code "valid"} (none). Keras's
     * {@code "same"} pads unevenly where PyTorch's pooling pads evenly, so it is refused with the
     * number to give instead.
     */
    private static int poolPadding(Arguments a) {
        if (!(a.raw("padding") instanceof String mode)) {
            return a.has("padding") ? a.integers("padding", 1)[0] : 0;
        }
        if (mode.equalsIgnoreCase("valid")) {
            return 0;
        }
        throw new LayerSpecException(a.keyOf("padding"), a.layer() + ": pooling takes padding: valid or a number of"
                + " pixels on each side, not \"" + mode + "\"; for a window of k with stride 1, padding (k - 1) / 2"
                + " keeps the size");
    }

    /** One size for all sides, (vertical, horizontal), or (top, bottom, left, right), as the constructors take them. */
    private static ZeroPadding2d zeroPadding(Arguments a) {
        int[] p = a.integers("padding", -1, new int[] {1});
        return switch (p.length) {
            case 1 -> new ZeroPadding2d(p[0]);
            case 2 -> new ZeroPadding2d(p[0], p[1]);
            case 4 -> new ZeroPadding2d(p[0], p[1], p[2], p[3]);
            default -> throw new LayerSpecException(a.keyOf("padding"), a.layer() + ": argument 'padding' needs 1, 2"
                    + " or 4 integers (all sides; vertical, horizontal; top, bottom, left, right), got " + p.length);
        };
    }
}
