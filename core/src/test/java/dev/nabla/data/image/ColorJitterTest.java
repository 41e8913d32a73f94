package dev.nabla.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ColorJitterTest {

    private static final Tensor REDDISH = Tensor.of(new float[] {0.8f, 0.2f, 0.2f}, 3, 1, 1);

    @Test
    void brightnessFactorsComeFromOneMinusToOnePlusTheAmount() {
        float[] range = range(new ColorJitter(0.2, 0, 0), Tensor.full(0.5f, 1, 2, 2), t -> t.get(0, 0, 0));

        assertTrue(range[0] >= 0.4f - 1e-6 && range[0] < 0.42f, "lowest " + range[0]);
        assertTrue(range[1] <= 0.6f + 1e-6 && range[1] > 0.58f, "highest " + range[1]);
    }

    @Test
    void contrastFactorsScaleTheDistanceFromTheMeanGrey() {
        Tensor image = Tensor.of(new float[] {0.25f, 0.75f}, 1, 1, 2);

        float[] range = range(new ColorJitter(0, 0.5, 0), image, t -> t.get(0, 0, 1));

        assertTrue(range[0] >= 0.625f - 1e-6 && range[0] < 0.64f, "lowest " + range[0]);
        assertTrue(range[1] <= 0.875f + 1e-6 && range[1] > 0.86f, "highest " + range[1]);
    }

    @Test
    void saturationFactorsScaleTheDistanceFromTheGreyOfEachPixel() {
        float grey = 0.299f * 0.8f + 0.587f * 0.2f + 0.114f * 0.2f;

        float[] range = range(new ColorJitter(0, 0, 0.5), REDDISH, t -> t.get(0, 0, 0));

        assertTrue(range[0] >= grey + 0.5f * (0.8f - grey) - 1e-6 && range[0] < 0.6f, "lowest " + range[0]);
        assertEquals(1f, range[1], "clamped to 1");
    }

    @Test
    void factorZeroAndOneGiveTheEndsOfEachBlend() {
        Tensor image = Tensor.rand(new Generator(1), 3, 4, 4);
        Tensor grey = ColorJitter.grey(image);

        assertTrue(ColorJitter.brightness(image, 0).allClose(Tensor.zeros(3, 4, 4)));
        assertTrue(ColorJitter.contrast(image, 0).allClose(Tensor.full(grey.mean().item(), 3, 4, 4), 1e-6f, 1e-6f));
        assertTrue(ColorJitter.saturation(image, 0).allClose(grey.expand(3, 4, 4), 1e-6f, 1e-6f));
        for (Tensor same : new Tensor[] {ColorJitter.brightness(image, 1), ColorJitter.contrast(image, 1),
                ColorJitter.saturation(image, 1)}) {
            assertTrue(same.allClose(image, 1e-6f, 1e-6f));
        }
        Tensor single = Tensor.rand(new Generator(2), 1, 3, 3);
        assertSame(single, ColorJitter.saturation(single, 0.3));
    }

    @Test
    void theSameSeedGivesTheSameJitter() {
        Tensor image = Tensor.rand(new Generator(3), 3, 5, 5);
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4);

        assertArrayEquals(jitter.apply(image, new Generator(9)).toFloatArray(),
                jitter.apply(image, new Generator(9)).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new ColorJitter(-0.1, 0, 0));
    }

    /** The smallest and largest of {@code probe} over 500 jittered images. */
    private static float[] range(ColorJitter jitter, Tensor image, Function<Tensor, Float> probe) {
        Generator generator = new Generator(42);
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < 500; i++) {
            float value = probe.apply(jitter.apply(image, generator));
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        return new float[] {low, high};
    }
}
