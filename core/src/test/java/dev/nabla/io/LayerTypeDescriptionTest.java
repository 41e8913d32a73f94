package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Dense;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.ActivationFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerTypeDescriptionTest {

    private static LayerTypeDescription type(String name) {
        return LayerSpecs.descriptions().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static LayerTypeDescription.Argument argument(String type, String name) {
        return type(type).arguments().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void describesEveryRegisteredTypeUnderItsClassSnakeCaseAndKerasAndPyTorchNames() {
        assertEquals(LayerSpecs.types(), LayerSpecs.descriptions().stream().map(LayerTypeDescription::name).toList());
        assertEquals(List.of("BatchNorm2d", "batch_norm2d", "BatchNormalization"), type("BatchNorm2d").names());
        assertEquals(List.of("MaxPool2d", "max_pool2d"), type("MaxPool2d").names().subList(0, 2));
        assertTrue(type("MaxPool2d").names().contains("MaxPooling2D"), type("MaxPool2d").names().toString());
        assertTrue(type("Dense").names().contains("Linear"), type("Dense").names().toString());
        assertEquals(Dense.class, type("Dense").layerClass());
        for (String name : type("Sequential").names()) {
            assertEquals(Sequential.class, LayerSpecs.create(name, Map.of()).getClass(), name);
        }
    }

    @Test
    void findsRequiredArgumentsAndDefaultsFromTheFactories() {
        LayerTypeDescription.Argument units = argument("Dense", "units");
        assertTrue(units.required());
        assertEquals(List.of("out_features"), units.aliases());
        assertEquals("an integer", units.kind());
        LayerTypeDescription.Argument useBias = argument("Dense", "use_bias");
        assertFalse(useBias.required());
        assertEquals(true, useBias.defaultValue());
        assertEquals(0.5f, argument("Dropout", "rate").defaultValue());
        assertEquals(1e-5f, argument("BatchNorm2d", "eps").defaultValue());
        assertEquals(0, argument("Conv2d", "padding").defaultValue());
        assertEquals(List.of(2, 2), argument("UpSampling2d", "size").defaultValue());
    }

    @Test
    void aSizeTakenFromTheInputHasNoDefault() {
        LayerTypeDescription.Argument inFeatures = argument("Dense", "in_features");
        assertFalse(inFeatures.required());
        assertNull(inFeatures.defaultValue());
        assertNull(argument("BatchNorm2d", "num_features").defaultValue());
    }

    @Test
    void aDefaultThatFollowsAnotherArgumentNamesIt() {
        LayerTypeDescription.Argument stride = argument("MaxPool2d", "stride");
        assertEquals("kernel_size", stride.defaultFrom());
        assertNull(stride.defaultValue());
        assertNull(argument("MaxPool2d", "padding").defaultFrom());
    }

    @Test
    void aChoiceListsItsValues() {
        LayerTypeDescription.Argument activation = argument("Conv2d", "activation");
        assertEquals("linear", activation.defaultValue());
        assertEquals(ActivationFunction.names(), activation.choices());
        assertEquals(List.of("nearest", "bilinear"), argument("UpSampling2d", "interpolation").choices());
    }

    @Test
    void argumentsThatNeedRealValuesAreStillReportedRequired() {
        assertTrue(argument("Permute", "axes").required());
        assertTrue(argument("Graph", "inputs").required());
        assertTrue(argument("Graph", "outputs").required());
    }
}
