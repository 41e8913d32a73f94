package dev.nabla.io;

import static dev.nabla.io.LayerType.compact;
import static dev.nabla.io.LayerType.known;
import static dev.nabla.io.LayerType.list;
import static dev.nabla.io.LayerType.pair;
import static dev.nabla.io.LayerType.sized;
import static dev.nabla.io.LayerType.values;

import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.Prelu;
import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import java.util.List;
import java.util.Map;

/**
 * The registry entries of layers with parameters. A built layer is described with its input
 * size ({@code in_features}, {@code in_channels}, {@code num_features}), so the layer created
 * again is built at once and its weights can be loaded.
 */
final class WeightedLayerSpecs {

    /** PyTorch's defaults, as the layers' own constructors use them. */
    private static final float EPS = 1e-5f;
    private static final float MOMENTUM = 0.1f;
    private static final String CONVOLUTION = "out_channels|filters: int, in_channels: int, stride|strides: ints,"
            + " padding: padding, dilation|dilation_rate: ints, groups: int";

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.of(Dense.class,
                    "units|out_features: int, in_features|input_dim: int, use_bias|bias: bool, activation: string",
                    a -> a.has("in_features")
                            ? new Dense(a.integer("in_features"), a.integer("units"), a.flag("use_bias", true), activation(a))
                            : new Dense(a.integer("units"), a.flag("use_bias", true), activation(a)),
                    d -> values("units", d.units(), "in_features", known(d.inFeatures()), "use_bias", d.useBias(),
                            "activation", d.activation() == ActivationFunction.LINEAR ? null : d.activation().kerasName()))
                    .alias("Linear"),
            LayerType.of(Conv1d.class, "kernel_size: int, " + CONVOLUTION + ", use_bias|bias: bool, activation: string",
                    a -> sized(new Conv1d(a.integer("out_channels"), a.integer("kernel_size"), options(a, 1, false),
                            a.flag("use_bias", true), activation(a)), a, "in_channels",
                            n -> new int[] {1, n, a.integer("kernel_size")}),
                    c -> withActivation(convolution(c.outChannels(), c.kernelSize()[0], c.inChannels(), c.options(), false,
                            c.useBias()), c.activation()))
                    .alias("Convolution1D"),
            LayerType.of(Conv2d.class, "kernel_size: ints, " + CONVOLUTION + ", use_bias|bias: bool, activation: string",
                    WeightedLayerSpecs::conv2d,
                    c -> withActivation(convolution(c.outChannels(), compact(c.kernelSize()[0], c.kernelSize()[1]),
                            c.inChannels(), c.options(), false, c.useBias()), c.activation()))
                    .alias("Convolution2D"),
            LayerType.of(ConvTranspose2d.class, "kernel_size: int, " + CONVOLUTION + ", output_padding: ints",
                    a -> sized(new ConvTranspose2d(a.integer("out_channels"), a.integer("kernel_size"),
                            options(a, 2, true)), a, "in_channels", n -> new int[] {1, n, 1, 1}),
                    c -> convolution(c.outChannels(), c.kernelSize()[0], c.inChannels(), c.options(), true, null))
                    .alias("Conv2DTranspose", "Convolution2DTranspose"),
            LayerType.of(BatchNorm1d.class, "num_features: int, eps|epsilon: float, momentum: float, affine: bool",
                    a -> new BatchNorm1d(a.integer("num_features", -1), a.number("eps", EPS),
                            a.number("momentum", MOMENTUM), a.flag("affine", true)),
                    b -> values("num_features", known(b.numFeatures()), "eps", b.eps(), "momentum", b.momentum(),
                            "affine", b.affine())),
            LayerType.of(BatchNorm2d.class, "num_features: int, eps|epsilon: float, momentum: float, affine: bool",
                    a -> new BatchNorm2d(a.integer("num_features", -1), a.number("eps", EPS),
                            a.number("momentum", MOMENTUM), a.flag("affine", true)),
                    b -> values("num_features", known(b.numFeatures()), "eps", b.eps(), "momentum", b.momentum(),
                            "affine", b.affine()))
                    .alias(WeightedLayerSpecs::kerasMomentum, "BatchNormalization"),
            LayerType.of(LayerNorm.class, "normalized_shape: ints, eps|epsilon: float, elementwise_affine: bool",
                    WeightedLayerSpecs::layerNorm,
                    n -> values("normalized_shape", n.normalizedShape() == null ? null : list(n.normalizedShape()), "eps", n.eps(),
                            "elementwise_affine", n.elementwiseAffine()))
                    .alias("LayerNormalization"),
            LayerType.of(GroupNorm.class, "num_groups|groups: int, num_channels: int, eps|epsilon: float, affine: bool",
                    a -> new GroupNorm(a.integer("num_groups"), a.integer("num_channels", -1), a.number("eps", EPS),
                            a.flag("affine", true)),
                    g -> values("num_groups", g.numGroups(), "num_channels", known(g.numChannels()), "eps", g.eps(),
                            "affine", g.affine()))
                    .alias("GroupNormalization"),
            LayerType.of(Embedding.class, "num_embeddings|input_dim: int, embedding_dim|output_dim: int,"
                            + " padding_index|padding_idx: int, mask_zero: bool",
                    a -> (a.has("padding_index")
                            ? new Embedding(a.integer("num_embeddings"), a.integer("embedding_dim"), a.integer("padding_index"))
                            : new Embedding(a.integer("num_embeddings"), a.integer("embedding_dim")))
                            .maskZero(a.flag("mask_zero", false)),
                    e -> values("num_embeddings", e.numEmbeddings(), "embedding_dim", e.embeddingDim(),
                            "padding_index", known(e.paddingIndex()), "mask_zero", e.masksZero() ? true : null)),
            LayerType.of(Prelu.class, "slopes|num_parameters: int, initial|init: float",
                    a -> new Prelu(a.integer("slopes", 1), a.number("initial", 0.25f)),
                    p -> values("slopes", p.slopes()))
                    .alias("PReLU"));

    private WeightedLayerSpecs() {
    }

    /**
     * Keras's {@code BatchNormalization(momentum=0.99)} keeps 99 percent of the running statistics
     * each step, where PyTorch's (and Nabla's) {@code momentum} is the weight of the new batch: the
     * same rule with {@code 1 - momentum}, converted here so that a Keras file means what it says.
     */
    private static Map<String, Object> kerasMomentum(Map<String, Object> arguments) {
        if (arguments.get("momentum") instanceof Number keras && Double.isFinite(keras.doubleValue())) {
            arguments.put("momentum", 1 - keras.doubleValue());
        }
        return arguments;
    }

    /** Dense's activation by its Keras name; linear when not given. */
    private static ActivationFunction activation(Arguments a) {
        return ActivationFunction.byName(a.choice("activation", "linear", ActivationFunction.names().toArray(String[]::new)));
    }

    private static Conv2d conv2d(Arguments a) {
        int[] kernel = pair(a.integers("kernel_size", 2));
        Conv2d conv = new Conv2d(a.integer("out_channels"), kernel, options(a, 2, false), a.flag("use_bias", true),
                activation(a));
        return sized(conv, a, "in_channels", n -> new int[] {1, n, kernel[0], kernel[1]});
    }

    private static LayerNorm layerNorm(Arguments a) {
        float eps = a.number("eps", EPS);
        boolean affine = a.flag("elementwise_affine", true);
        if (a.has("normalized_shape")) {
            return new LayerNorm(a.integers("normalized_shape", -1), eps, affine);
        }
        if (eps != EPS || !affine) {
            throw new LayerSpecException("normalized_shape", a.layer() + ": eps and elementwise_affine other than"
                    + " the defaults need normalized_shape (the sizes of the normalised trailing dimensions)");
        }
        return new LayerNorm();
    }

    /** Stride, padding ("same", "valid" or sizes), dilation, groups and output padding, for 1 or 2 spatial dimensions. */
    private static ConvolutionOptions options(Arguments a, int spatial, boolean transposed) {
        int[] stride = pair(a.integers("stride", spatial, new int[] {1}));
        int[] dilation = pair(a.integers("dilation", spatial, new int[] {1}));
        ConvolutionOptions options = ConvolutionOptions.defaults().stride(stride[0], stride[1])
                .dilation(dilation[0], dilation[1]).groups(a.integer("groups", 1));
        if (a.raw("padding") instanceof String padding) {
            options = padding.equalsIgnoreCase("same") ? options.paddingSame() : options;
        } else if (a.has("padding")) {
            int[] padding = pair(a.integers("padding", spatial));
            options = options.padding(padding[0], padding[1]);
        }
        if (transposed) {
            int[] outputPadding = pair(a.integers("output_padding", spatial, new int[] {0}));
            options = options.outputPadding(outputPadding[0], outputPadding[1]);
        }
        return options;
    }

    /** A convolution's arguments with its activation's Keras name, left out when linear. */
    private static Map<String, Object> withActivation(Map<String, Object> arguments, ActivationFunction activation) {
        if (activation != ActivationFunction.LINEAR) {
            arguments.put("activation", activation.kerasName());
        }
        return arguments;
    }

    private static Map<String, Object> convolution(int outChannels, Object kernel, int inChannels,
            ConvolutionOptions o, boolean transposed, Boolean useBias) {
        return values("out_channels", outChannels, "kernel_size", kernel, "in_channels", known(inChannels),
                "stride", compact(o.strideHeight(), o.strideWidth()),
                "padding", o.samePadding() ? "same" : compact(o.paddingHeight(), o.paddingWidth()),
                "dilation", compact(o.dilationHeight(), o.dilationWidth()), "groups", o.groups(),
                "output_padding", transposed ? compact(o.outputPaddingHeight(), o.outputPaddingWidth()) : null,
                "use_bias", useBias);
    }
}
