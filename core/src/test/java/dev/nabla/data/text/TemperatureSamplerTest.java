package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TemperatureSamplerTest {

    private static final float[] LOGITS = {0f, (float) Math.log(2), (float) Math.log(5)};   // softmax 1/8, 2/8, 5/8

    @Test
    void atTemperatureOneTheDrawsFollowTheSoftmax() {
        TemperatureSampler sampler = new TemperatureSampler(1, new Generator(3));

        int[] draws = draws(sampler, 40_000);

        // 40,000 draws: a standard deviation of about 0.0024 on each share
        assertEquals(1 / 8.0, draws[0] / 40_000.0, 0.01);
        assertEquals(2 / 8.0, draws[1] / 40_000.0, 0.01);
        assertEquals(5 / 8.0, draws[2] / 40_000.0, 0.01);
    }

    @Test
    void aLowTemperatureSharpensAndZeroTakesTheMostLikely() {
        // at 0.5 the weights are squared: 1, 4, 25 over 30
        int[] sharp = draws(new TemperatureSampler(0.5, new Generator(4)), 30_000);
        assertEquals(25 / 30.0, sharp[2] / 30_000.0, 0.01);

        assertEquals(30_000, draws(new TemperatureSampler(0, new Generator(5)), 30_000)[2]);
        assertEquals(1, new TemperatureSampler(0, new Generator(5)).sample(Tensor.of(1f, 7f, 3f)));
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndBadInputIsRefused() {
        assertEquals(draws(new TemperatureSampler(1.3, new Generator(9)), 50)[1],
                draws(new TemperatureSampler(1.3, new Generator(9)), 50)[1]);
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSampler(-0.1, new Generator(1)));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSampler(1, new Generator(1))
                .sample(Tensor.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSampler(1, new Generator(1))
                .sample(new float[] {0f, Float.NaN}));
    }

    private static int[] draws(TemperatureSampler sampler, int count) {
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < count; i++) {
            counts[sampler.sample(LOGITS)]++;
        }
        return counts;
    }
}
