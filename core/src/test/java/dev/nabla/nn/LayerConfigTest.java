package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.ActivationFunction;
import dev.nabla.tensor.ConvolutionOptions;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each layer's configuration record: its defaults, the layer made from it, and the record the layer gives back. */
class LayerConfigTest {

    /** A layer made from its own config() is the same layer: the same settings, sizes and parameter shapes. */
    private static <L extends Layer> void remakes(L layer, java.util.function.Function<L, Object> config,
            java.util.function.Function<Object, L> make) {
        Object settings = config.apply(layer);
        L again = make.apply(settings);
        assertEquals(settings, config.apply(again), layer.toString());
        assertEquals(layer.toString(), again.toString());
        assertEquals(layer.isBuilt(), again.isBuilt(), layer.toString());
        assertEquals(layer.parameterCount(), again.parameterCount(), layer.toString());
    }

    @Test
    void everyLayerMadeFromItsConfigurationIsTheSameLayer() {
        remakes(new Dense(Dense.Config.of(3).inFeatures(2).useBias(false)), Dense::config,
                c -> new Dense((Dense.Config) c));
        remakes(new Conv2d(Conv2d.Config.of(4, new int[] {3, 1}).inChannels(2)
                .options(ConvolutionOptions.defaults().stride(2))), Conv2d::config, c -> new Conv2d((Conv2d.Config) c));
        remakes(Conv1d.fromChannels(2, 3, 3), Conv1d::config, c -> new Conv1d((Conv1d.Config) c));
        remakes(ConvTranspose2d.fromChannels(2, 3, 2), ConvTranspose2d::config,
                c -> new ConvTranspose2d((ConvTranspose2d.Config) c));
        remakes(new BatchNorm1d(BatchNorm1d.Config.of().momentum(0.2f)), BatchNorm1d::config,
                c -> new BatchNorm1d((BatchNorm1d.Config) c));
        remakes(new BatchNorm2d(3), BatchNorm2d::config, c -> new BatchNorm2d((BatchNorm2d.Config) c));
        remakes(new LayerNorm(3, 4), LayerNorm::config, c -> new LayerNorm((LayerNorm.Config) c));
        remakes(new GroupNorm(2, 4), GroupNorm::config, c -> new GroupNorm((GroupNorm.Config) c));
        remakes(new Embedding(Embedding.Config.of(5, 2).paddingIndex(-1)), Embedding::config,
                c -> new Embedding((Embedding.Config) c));
        remakes(new MaxPool2d(MaxPool2d.Config.of(3).stride(1).padding(1)), MaxPool2d::config,
                c -> new MaxPool2d((MaxPool2d.Config) c));
        remakes(new AdaptiveAvgPool2d(2, 3), AdaptiveAvgPool2d::config,
                c -> new AdaptiveAvgPool2d((AdaptiveAvgPool2d.Config) c));
        remakes(new UpSampling2d(UpSampling2d.Config.of().size(2, 3)), UpSampling2d::config,
                c -> new UpSampling2d((UpSampling2d.Config) c));
        remakes(ZeroPadding2d.sides(1, 2, 3, 4), ZeroPadding2d::config,
                c -> new ZeroPadding2d((ZeroPadding2d.Config) c));
        remakes(new Reshape(2, -1), Reshape::config, c -> new Reshape((Reshape.Config) c));
        remakes(new Permute(2, 1), Permute::config, c -> new Permute((Permute.Config) c));
        remakes(new Prelu(3, 0.1f), Prelu::config, c -> new Prelu((Prelu.Config) c));
        remakes(new Softplus(2f, 1f), Softplus::config, c -> new Softplus((Softplus.Config) c));
    }

    @Test
    void theRecordHoldsTheDefaultsAndTheRequiredSettingsComeFromOf() {
        Dense.Config dense = Dense.Config.of(10);
        assertNull(dense.inFeatures());
        assertTrue(dense.useBias());
        assertEquals(ActivationFunction.LINEAR, dense.activation());
        BatchNorm2d.Config norm = BatchNorm2d.Config.of();
        assertEquals(1e-5f, norm.eps());
        assertEquals(0.1f, norm.momentum());
        assertEquals(3, MaxPool2d.Config.of(3).stride());
        assertEquals(0.5f, Dropout.Config.of().rate());
        assertEquals(List.of(2, 2), java.util.Arrays.stream(UpSampling2d.Config.of().size()).boxed().toList());
    }

    @Test
    void aBuiltLayersConfigurationHoldsTheInputSizeItWasBuiltFor() {
        Dense dense = new Dense(4);
        assertNull(dense.config().inFeatures());
        dense.forward(Tensor.ones(2, 7));
        assertEquals(7, dense.config().inFeatures());
        Conv2d conv = new Conv2d(8, 3);
        conv.forward(Tensor.ones(1, 2, 5, 5));
        assertEquals(2, conv.config().inChannels());
        LayerNorm norm = new LayerNorm();
        norm.forward(Tensor.ones(2, 6));
        assertEquals(Conv2d.Config.of(8, 3).inChannels(2), conv.config());
        assertEquals(LayerNorm.Config.of().normalizedShape(6), norm.config());
    }

    @Test
    void recordsHoldingSizesCompareThemElementByElement() {
        assertEquals(Conv2d.Config.of(8, 3), Conv2d.Config.of(8, new int[] {3, 3}));
        assertEquals(Conv2d.Config.of(8, 3).hashCode(), Conv2d.Config.of(8, new int[] {3, 3}).hashCode());
        assertEquals("ZeroPadding2d.Config[padding=[2, 2, 1, 1]]", ZeroPadding2d.Config.of().padding(2, 1).toString());
    }

    @Test
    void aRecordRefusesValuesTheLayerCannotTakeSayingWhich() {
        Supplier<Object> zeroUnits = () -> Dense.Config.of(0);
        assertEquals("Dense: units must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, zeroUnits::get).getMessage());
        assertEquals("Conv2d: kernelSize needs (height, width) or one size, got 3: [3, 3, 3]",
                assertThrows(IllegalArgumentException.class, () -> Conv2d.Config.of(2, new int[] {3, 3, 3}))
                        .getMessage());
        assertEquals("ZeroPadding2d: padding needs 1, 2 or 4 integers (all sides; vertical, horizontal; top, bottom,"
                + " left, right), got 3", assertThrows(IllegalArgumentException.class,
                () -> ZeroPadding2d.Config.of().padding(1, 2, 3)).getMessage());
        assertEquals("BatchNorm2d: momentum must be in [0, 1], got 2.0", assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(BatchNorm2d.Config.of().momentum(2f))).getMessage());
    }
}
