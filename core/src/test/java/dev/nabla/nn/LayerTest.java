package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Shape;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LayerTest {

    /** A custom model, written the PyTorch way: children in the constructor, forward by hand. */
    static final class TwoLayer extends Layer {
        final Dense hidden = addChild("hidden", Dense.linear(4, 8));
        final Dense out = addChild("out", Dense.linear(8, 2));

        @Override
        public Tensor forward(Tensor input) {
            return out.forward(hidden.forward(input).relu());
        }
    }

    @Test
    void stateDictKeysFollowRegistrationOrder() {
        Sequential model = new Sequential(Dense.linear(3, 4), new Relu(), Dense.linear(4, 2));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.stateDict().keySet()));
        assertEquals(List.of("hidden.weight", "hidden.bias", "out.weight", "out.bias"),
                List.copyOf(new TwoLayer().stateDict().keySet()));
    }

    @Test
    void parameterCountsAddUp() {
        TwoLayer model = new TwoLayer();
        assertEquals(4 * 8 + 8 + 8 * 2 + 2, model.parameterCount());
        model.hidden.setTrainable(false);
        assertEquals(8 * 2 + 2, model.trainableParameterCount());
    }

    @Test
    void strictLoadNamesMissingUnexpectedAndMismatchedKeys() {
        Sequential model = new Sequential(Dense.linear(3, 4));
        Map<String, Tensor> state = Map.of("0.weight", Tensor.zeros(4, 2), "extra", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state, true));
        assertEquals("Sequential: state dict does not match: missing keys [0.bias], unexpected keys [extra],"
                + " shape mismatches [0.weight: expected [4, 3], got [4, 2]]", e.getMessage());
    }

    @Test
    void lenientLoadCopiesWhatMatchesAndReportsTheRest() {
        Sequential model = new Sequential(Dense.linear(2, 2));
        StateDictReport report = model.loadStateDict(Map.of("0.bias", Tensor.of(5f, 6f)), false);
        assertEquals(List.of("0.weight"), report.missingKeys());
        assertEquals(List.of(5f, 6f), List.of(model.stateDict().get("0.bias").get(0), model.stateDict().get("0.bias")
                .get(1)));
    }

    @Test
    void loadingBeforeBuildSaysHowToBuild() {
        Sequential model = new Sequential(new Dense(4));
        var e = assertThrows(IllegalStateException.class, () -> model.loadStateDict(Map.of(), false));
        assertTrue(e.getMessage().contains("build(inputShape)"), e.getMessage());
    }

    @Test
    void lazyLayersBuildFromTheFirstInput() {
        Dense dense = new Dense(5);
        assertFalse(dense.isBuilt());
        assertNull(dense.weight());
        dense.forward(Tensor.zeros(2, 7));
        assertEquals("[5, 7]", dense.weight().shape().toString());
        assertEquals(7 * 5 + 5, dense.parameterCount());
    }

    /** Written the Keras way: sized by its first input in build, computed in call. */
    static final class CountingScale extends Layer {
        int builds;
        Parameter scale;

        @Override
        protected void build(Shape inputShape) {
            builds++;
            scale = addParameter("scale", Tensor.ones(inputShape.dim(-1)));
        }

        @Override
        protected Tensor call(Tensor input) {
            return input.mul(scale.value());
        }
    }

    @Test
    void theBaseClassBuildsALayerOnceBeforeItsFirstCall() {
        CountingScale layer = new CountingScale();
        assertFalse(layer.isBuilt());
        layer.forward(Tensor.ones(2, 3));
        layer.forward(Tensor.ones(4, 3));
        assertEquals(1, layer.builds);
        assertTrue(layer.isBuilt());
        assertEquals(3, layer.parameterCount());
    }

    @Test
    void layersGivenTheirSizesOrWithoutWeightsAreBuiltAtOnce() {
        assertTrue(new Relu().isBuilt());
        assertTrue(new TwoLayer().isBuilt());
        assertTrue(Dense.linear(3, 4).isBuilt());
        assertTrue(new BatchNorm2d(3).isBuilt());
        LayerNorm norm = new LayerNorm(2, 3);
        assertTrue(norm.isBuilt());
        assertEquals(List.of(2, 3), Arrays.stream(norm.normalizedShape()).boxed().toList());
        assertFalse(new LayerNorm().isBuilt());
    }

    @Test
    void aLayerThatComputesNothingSaysSo() {
        Layer empty = new Layer() {
        };
        var e = assertThrows(UnsupportedOperationException.class, () -> empty.forward(Tensor.ones(1)));
        assertTrue(e.getMessage().contains("implements neither call(Tensor) nor forward(Tensor)"), e.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation")
    void layersWrittenForMarkBuiltAndBuildIfNeededStillWork() {
        Layer legacy = new Layer() {
            {
                markBuilt();
            }

            @Override
            public Tensor forward(Tensor input) {
                return input.add(1f);
            }
        };
        Layer lazy = new Layer() {
            Parameter scale;

            @Override
            protected void build(Shape inputShape) {
                scale = addParameter("scale", Tensor.ones(inputShape.dim(-1)));
            }

            @Override
            public Tensor forward(Tensor input) {
                buildIfNeeded(input.shape());
                return input.mul(scale.value());
            }
        };
        assertTrue(legacy.isBuilt());
        assertEquals(2f, legacy.forward(Tensor.ones(1)).item());
        assertEquals(1f, lazy.forward(Tensor.ones(1, 1)).item());
        assertTrue(lazy.isBuilt());
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        TwoLayer model = new TwoLayer();
        model.eval();
        assertFalse(model.hidden.isTraining());
        model.train();
        assertTrue(model.out.isTraining());
    }

    @Test
    void frozenLayersGetNoGradients() {
        TwoLayer model = new TwoLayer();
        model.hidden.setTrainable(false);
        model.forward(Tensor.ones(1, 4)).sum().backward();
        assertNull(model.hidden.weight().grad());
        assertTrue(model.out.weight().grad() != null);
    }

    @Test
    void childrenAddedToAFrozenLayerAreFrozen() {
        Sequential model = new Sequential();
        model.setTrainable(false);
        model.add(Dense.linear(2, 2));
        assertEquals(0, model.trainableParameterCount());
    }

    @Test
    void shapeErrorsNameTheLayerPathAndBothShapes() {
        Sequential model = new Sequential(Dense.linear(3, 4), new Relu(), Dense.linear(5, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.zeros(8, 3)));
        assertEquals("Sequential.2: expected input of shape [..., 5], got [8, 4]; the input has 4 features: give"
                + " this layer 4 inputs, or write new Dense(2) to take the size from the data", e.getMessage());
    }

    @Test
    void namesMustBeUniqueAndDotFree() {
        Layer layer = new Sequential();
        var e = assertThrows(IllegalArgumentException.class, () -> ((Sequential) layer).add(new Relu()).add(new Relu())
                .addChild("0", new Relu()));
        assertTrue(e.getMessage().contains("already taken"), e.getMessage());
    }

    @Test
    void toStringPrintsATreeLikePyTorch() {
        Sequential model = new Sequential(Dense.linear(3, 4), new Relu(), new Sequential(Dense.linear(4, 2)));
        assertEquals("""
                Sequential(
                  (0): Dense(in=3, out=4, bias=true)
                  (1): Relu()
                  (2): Sequential(
                    (0): Dense(in=4, out=2, bias=true)
                  )
                )""", model.toString());
    }

    @Test
    void seededLayersInitialiseIdentically() {
        Tensor a = new Dense(3).seed(1).forward(Tensor.ones(1, 4));
        Tensor b = new Dense(3).seed(1).forward(Tensor.ones(1, 4));
        Tensor c = new Dense(3).seed(2).forward(Tensor.ones(1, 4));
        assertTrue(a.allClose(b, 0f, 0f));
        assertFalse(a.allClose(c));
    }

    @Test
    void unseededLayersStartFromTheDefaultSeedInEveryJvm() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                UnseededWeights.class.getName()).redirectErrorStream(true).start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, child.exitValue(), printed);

        Layer.manualSeed(Layer.DEFAULT_SEED);
        assertEquals(Layer.DEFAULT_SEED, Layer.initialSeed());
        String expected = Arrays.toString(Dense.linear(3, 2).stateDict().get("weight").toFloatArray());
        assertEquals(List.of(Long.toString(Layer.DEFAULT_SEED), expected), printed.lines().toList());
        Layer.manualSeed(5);
        assertEquals(5, Layer.initialSeed());
        String seeded = Arrays.toString(Dense.linear(3, 2).stateDict().get("weight").toFloatArray());
        Layer.manualSeed(5);
        assertEquals(seeded, Arrays.toString(Dense.linear(3, 2).stateDict().get("weight").toFloatArray()));
        assertFalse(seeded.equals(expected));
    }
}
