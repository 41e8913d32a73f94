package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.AvgPool2d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv1d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvTranspose2d;
import dev.nabla.nn.Dense;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.DataFormat;
import dev.nabla.nn.GlobalAvgPool;
import dev.nabla.nn.GlobalMaxPool;
import dev.nabla.nn.GroupNorm;
import dev.nabla.nn.LayerNorm;
import dev.nabla.nn.LeakyRelu;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Relu;
import dev.nabla.nn.Silu;
import dev.nabla.nn.SpatialDropout2d;
import dev.nabla.nn.UpSampling2d;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras's and PyTorch's names of Nabla's layers and arguments, as {@link LayerSpecs} takes them. */
class LayerSpecsAliasesTest {

    @Test
    void kerasLayerNamesCreateNablasLayers() {
        assertInstanceOf(MaxPool2d.class, LayerSpecs.create("MaxPooling2D", Map.of("pool_size", 2)));
        assertInstanceOf(MaxPool2d.class, LayerSpecs.create("max_pooling2d", Map.of("pool_size", 2)));
        assertInstanceOf(AvgPool2d.class, LayerSpecs.create("AveragePooling2D", Map.of("pool_size", 2)));
        assertInstanceOf(GlobalAvgPool.class, LayerSpecs.create("GlobalAveragePooling2D", Map.of()));
        assertInstanceOf(GlobalMaxPool.class, LayerSpecs.create("global_max_pooling1d", Map.of()));
        GlobalAvgPool overSteps = (GlobalAvgPool) LayerSpecs.create("GlobalAveragePooling1D",
                Map.of("data_format", "channels_last"));
        assertEquals(DataFormat.CHANNELS_LAST, overSteps.dataFormat(), "Keras's data_format");
        assertInstanceOf(BatchNorm2d.class, LayerSpecs.create("BatchNormalization", Map.of()));
        assertInstanceOf(BatchNorm2d.class, LayerSpecs.create("batch_normalization", Map.of()));
        assertInstanceOf(Conv1d.class, LayerSpecs.create("Conv1D", Map.of("filters", 4, "kernel_size", 3)));
        assertInstanceOf(Conv2d.class, LayerSpecs.create("Convolution2D", Map.of("filters", 4, "kernel_size", 3)));
        assertInstanceOf(ConvTranspose2d.class, LayerSpecs.create("Conv2DTranspose", Map.of("filters", 4,
                "kernel_size", 3, "strides", 2)));
        assertInstanceOf(LeakyRelu.class, LayerSpecs.create("LeakyReLU", Map.of()));
        assertInstanceOf(Relu.class, LayerSpecs.create("ReLU", Map.of()));
        assertInstanceOf(Dropout.class, LayerSpecs.create("Dropout", Map.of("rate", 0.1)));
        assertInstanceOf(LayerNorm.class, LayerSpecs.create("LayerNormalization", Map.of()));
        assertInstanceOf(GroupNorm.class, LayerSpecs.create("GroupNormalization", Map.of("groups", 2)));
        assertInstanceOf(Silu.class, LayerSpecs.create("swish", Map.of()));
    }

    @Test
    void pyTorchLayerNamesCreateNablasLayers() {
        Dense linear = (Dense) LayerSpecs.create("Linear", Map.of("in_features", 4, "out_features", 3, "bias", false));
        assertEquals(3, linear.units());
        assertEquals(4, linear.inFeatures());
        assertInstanceOf(BatchNorm2d.class, LayerSpecs.create("BatchNorm2d", Map.of("eps", 1e-3)));
        assertInstanceOf(MaxPool2d.class, LayerSpecs.create("MaxPool2d", Map.of("kernel_size", 2, "stride", 2)));
        assertInstanceOf(SpatialDropout2d.class, LayerSpecs.create("Dropout2d", Map.of("p", 0.2)));
        assertInstanceOf(UpSampling2d.class, LayerSpecs.create("Upsample", Map.of("scale_factor", 2, "mode",
                "nearest")));
    }

    @Test
    void kerasAndPyTorchArgumentNamesAreAliases() {
        assertEquals(0.3f, ((LeakyRelu) LayerSpecs.create("LeakyReLU", Map.of("alpha", 0.3))).slope());
        assertEquals(0.2f, ((LeakyRelu) LayerSpecs.create("LeakyReLU", Map.of("negative_slope", 0.2))).slope());
        MaxPool2d pool = (MaxPool2d) LayerSpecs.create("MaxPooling2D", Map.of("pool_size", 3, "strides", 1));
        assertEquals(3, pool.kernelSize());
        assertEquals(1, pool.stride());
        assertEquals(1e-3f, ((BatchNorm2d) LayerSpecs.create("BatchNorm2d", Map.of("epsilon", 1e-3))).eps());
    }

    @Test
    void poolingTakesKerasValidPaddingAndRefusesSame() {
        assertEquals(0, ((MaxPool2d) LayerSpecs.create("MaxPooling2D", Map.of("pool_size", 2, "padding", "valid")))
                .padding());
        assertEquals(1, ((MaxPool2d) LayerSpecs.create("max_pool2d", Map.of("kernel_size", 3, "padding", 1)))
                .padding());
        LayerSpecException same = assertThrows(LayerSpecException.class,
                () -> LayerSpecs.create("MaxPooling2D", Map.of("pool_size", 3, "padding", "same")));
        assertEquals("padding", same.key());
        assertEquals("MaxPooling2D: pooling takes padding: valid or a number of pixels on each side, not \"same\"; for"
                + " a window of k with stride 1, padding (k - 1) / 2 keeps the size", same.getMessage());
    }

    @Test
    void kerasBatchNormalizationMomentumIsConvertedToPyTorchs() {
        BatchNorm2d keras = (BatchNorm2d) LayerSpecs.create("BatchNormalization", Map.of("momentum", 0.99));
        BatchNorm2d pytorch = (BatchNorm2d) LayerSpecs.create("BatchNorm2d", Map.of("momentum", 0.01));

        assertEquals(0.01f, keras.momentum(), 1e-7f, "Keras keeps 99% of the running statistics: PyTorch's 0.01");
        assertEquals(0.01f, pytorch.momentum(), 1e-7f);
        assertEquals(0.1f, ((BatchNorm2d) LayerSpecs.create("BatchNormalization", Map.of())).momentum(),
                "without a momentum, Nabla's (PyTorch's) default");
    }

    @Test
    void unknownTypesAndArgumentsSuggestTheClosestName() {
        LayerSpecException type = assertThrows(LayerSpecException.class,
                () -> LayerSpecs.create("MaxPoolin2D", Map.of()));
        assertTrue(type.getMessage().endsWith("; did you mean 'MaxPooling2D'?"), type.getMessage());
        LayerSpecException typo = assertThrows(LayerSpecException.class,
                () -> LayerSpecs.create("BatchNormalisation", Map.of()));
        assertTrue(typo.getMessage().endsWith("; did you mean 'BatchNormalization'?"), typo.getMessage());
        LayerSpecException argument = assertThrows(LayerSpecException.class,
                () -> LayerSpecs.create("conv2d", Map.of("filter", 4, "kernel_size", 3)));
        assertEquals("conv2d: argument 'filter' is not known; known: out_channels, kernel_size, in_channels, stride,"
                + " padding, dilation, groups, use_bias, activation, trainable, name; did you mean"
                + " 'filters'?",
                argument.getMessage());
    }

    @Test
    void theRegistryListsEachTypesAliasesAndArgumentNames() {
        assertEquals(List.of("MaxPooling2D", "MaxPool2D"), LayerSpecs.aliases("max_pool2d"));
        assertEquals(List.of("Linear"), LayerSpecs.aliases("Dense"));
        assertEquals("Dense", LayerSpecs.canonicalName("linear"));
        assertEquals(List.of("units|out_features", "in_features|input_dim", "use_bias|bias", "activation", "trainable"),
                LayerSpecs.arguments("Linear"));
    }
}
