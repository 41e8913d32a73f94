package dev.nabla.io;

import dev.nabla.nn.AdaptiveAvgPool2d;
import dev.nabla.nn.Add;
import dev.nabla.nn.AvgPool1d;
import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Concatenate;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Elu;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Gelu;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.LogSoftmax;
import dev.nabla.nn.MaxPool1d;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Multiply;
import dev.nabla.nn.Permute;
import dev.nabla.nn.Prelu;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Relu6;
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
import java.util.Map;

/**
 * The registry entries of Nabla's own layers. Each layer's arguments are the components of its
 * configuration record ({@link LayerType#ofRecord}), so what is listed here is only what the
 * records cannot say: Keras's and PyTorch's names for the types and their arguments.
 */
final class BuiltInLayerSpecs {

    private static final String CONVOLUTION = "out_channels|filters, kernel_size, use_bias|bias";
    private static final String POOLING = "kernel_size|pool_size, stride|strides";

    static final List<LayerType<?>> TYPES = List.of(
            LayerType.ofRecord(Dense.class, Dense.Config.class, Dense::new, Dense::config)
                    .argumentAliases("units|out_features, in_features|input_dim, use_bias|bias").alias("Linear"),
            LayerType.ofRecord(Conv1d.class, Conv1d.Config.class, Conv1d::new, Conv1d::config)
                    .argumentAliases(CONVOLUTION).excluding("output_padding").alias("Convolution1D"),
            LayerType.ofRecord(Conv2d.class, Conv2d.Config.class, Conv2d::new, Conv2d::config)
                    .argumentAliases(CONVOLUTION).excluding("output_padding").alias("Convolution2D"),
            LayerType.ofRecord(ConvTranspose2d.class, ConvTranspose2d.Config.class, ConvTranspose2d::new,
                    ConvTranspose2d::config).argumentAliases("out_channels|filters")
                    .alias("Conv2DTranspose", "Convolution2DTranspose"),
            LayerType.ofRecord(BatchNorm1d.class, BatchNorm1d.Config.class, BatchNorm1d::new, BatchNorm1d::config)
                    .argumentAliases("eps|epsilon"),
            LayerType.ofRecord(BatchNorm2d.class, BatchNorm2d.Config.class, BatchNorm2d::new, BatchNorm2d::config)
                    .argumentAliases("eps|epsilon").alias(BuiltInLayerSpecs::kerasMomentum, "BatchNormalization"),
            LayerType.ofRecord(LayerNorm.class, LayerNorm.Config.class, LayerNorm::new, LayerNorm::config)
                    .argumentAliases("eps|epsilon").alias("LayerNormalization"),
            LayerType.ofRecord(GroupNorm.class, GroupNorm.Config.class, GroupNorm::new, GroupNorm::config)
                    .argumentAliases("num_groups|groups, eps|epsilon").alias("GroupNormalization"),
            LayerType.ofRecord(Embedding.class, Embedding.Config.class, Embedding::new, Embedding::config)
                    .argumentAliases("num_embeddings|input_dim, embedding_dim|output_dim, padding_index|padding_idx"),
            LayerType.ofRecord(Prelu.class, Prelu.Config.class, Prelu::new, Prelu::config)
                    .argumentAliases("slopes|num_parameters, initial|init").alias("PReLU"),
            LayerType.of(Relu.class, Relu::new).alias("ReLU"),
            LayerType.of(Relu6.class, Relu6::new).alias("ReLU6"),
            LayerType.of(Sigmoid.class, Sigmoid::new),
            LayerType.of(Tanh.class, Tanh::new),
            LayerType.of(Silu.class, Silu::new).alias("swish", "SiLU"),
            LayerType.ofRecord(LeakyRelu.class, LeakyRelu.Config.class, LeakyRelu::new, LeakyRelu::config)
                    .argumentAliases("slope|negative_slope|alpha").alias("LeakyReLU", "leaky_relu"),
            LayerType.ofRecord(Elu.class, Elu.Config.class, Elu::new, Elu::config).alias("ELU"),
            LayerType.ofRecord(Gelu.class, Gelu.Config.class, Gelu::new, Gelu::config).alias("GELU"),
            LayerType.ofRecord(Softplus.class, Softplus.Config.class, Softplus::new, Softplus::config),
            LayerType.ofRecord(Softmax.class, Softmax.Config.class, Softmax::new, Softmax::config)
                    .argumentAliases("axis|dim"),
            LayerType.ofRecord(LogSoftmax.class, LogSoftmax.Config.class, LogSoftmax::new, LogSoftmax::config)
                    .argumentAliases("axis|dim"),
            LayerType.ofRecord(MaxPool1d.class, MaxPool1d.Config.class, MaxPool1d::new, MaxPool1d::config)
                    .argumentAliases(POOLING).translating(BuiltInLayerSpecs::poolPadding)
                    .alias("MaxPooling1D", "MaxPool1D"),
            LayerType.ofRecord(MaxPool2d.class, MaxPool2d.Config.class, MaxPool2d::new, MaxPool2d::config)
                    .argumentAliases(POOLING).translating(BuiltInLayerSpecs::poolPadding)
                    .alias("MaxPooling2D", "MaxPool2D"),
            LayerType.ofRecord(AvgPool1d.class, AvgPool1d.Config.class, AvgPool1d::new, AvgPool1d::config)
                    .argumentAliases(POOLING).translating(BuiltInLayerSpecs::poolPadding)
                    .alias("AveragePooling1D", "AvgPool1D"),
            LayerType.ofRecord(AvgPool2d.class, AvgPool2d.Config.class, AvgPool2d::new, AvgPool2d::config)
                    .argumentAliases(POOLING).translating(BuiltInLayerSpecs::poolPadding)
                    .alias("AveragePooling2D", "AvgPool2D"),
            LayerType.ofRecord(AdaptiveAvgPool2d.class, AdaptiveAvgPool2d.Config.class, AdaptiveAvgPool2d::new,
                    AdaptiveAvgPool2d::config),
            LayerType.ofRecord(GlobalAvgPool.class, GlobalAvgPool.Config.class, GlobalAvgPool::new,
                    GlobalAvgPool::config)
                    .alias("GlobalAveragePooling2D", "GlobalAveragePooling1D", "GlobalAvgPool2D", "GlobalAvgPool1D"),
            LayerType.ofRecord(GlobalMaxPool.class, GlobalMaxPool.Config.class, GlobalMaxPool::new,
                    GlobalMaxPool::config)
                    .alias("GlobalMaxPooling2D", "GlobalMaxPooling1D", "GlobalMaxPool2D", "GlobalMaxPool1D"),
            LayerType.ofRecord(Flatten.class, Flatten.Config.class, Flatten::new, Flatten::config)
                    .argumentAliases("start_axis|start_dim, end_axis|end_dim"),
            LayerType.ofRecord(Reshape.class, Reshape.Config.class, Reshape::new, Reshape::config)
                    .argumentAliases("shape|target_shape"),
            LayerType.ofRecord(Permute.class, Permute.Config.class, Permute::new, Permute::config)
                    .argumentAliases("axes|dims"),
            LayerType.ofRecord(UpSampling2d.class, UpSampling2d.Config.class, UpSampling2d::new, UpSampling2d::config)
                    .argumentAliases("size|scale_factor, interpolation|mode").alias("Upsample"),
            LayerType.ofRecord(ZeroPadding2d.class, ZeroPadding2d.Config.class, ZeroPadding2d::new,
                    ZeroPadding2d::config).alias("ZeroPad2d"),
            LayerType.ofRecord(Dropout.class, Dropout.Config.class, Dropout::new, Dropout::config)
                    .argumentAliases("rate|p"),
            LayerType.ofRecord(SpatialDropout2d.class, SpatialDropout2d.Config.class, SpatialDropout2d::new,
                    SpatialDropout2d::config).argumentAliases("rate|p").alias("Dropout2d"),
            LayerType.of(Add.class, Add::new),
            LayerType.of(Multiply.class, Multiply::new),
            LayerType.ofRecord(Concatenate.class, Concatenate.Config.class, Concatenate::new, Concatenate::config)
                    .argumentAliases("axis|dim"));

    private BuiltInLayerSpecs() {
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

    /**
     * A pooling window's padding may be Keras's {@code "valid"} (none). Keras's {@code "same"} pads
     * unevenly where PyTorch's pooling pads evenly, so it is refused with the number to give instead.
     */
    private static Map<String, Object> poolPadding(Map<String, Object> arguments) {
        if (arguments.get("padding") instanceof String mode) {
            if (!mode.equalsIgnoreCase("valid")) {
                throw new LayerSpecException("padding", "pooling takes padding: valid or a number of pixels on each"
                        + " side, not \"" + mode + "\"; for a window of k with stride 1, padding (k - 1) / 2 keeps"
                        + " the size");
            }
            arguments.put("padding", 0);
        }
        return arguments;
    }
}
